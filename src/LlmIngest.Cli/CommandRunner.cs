namespace LlmIngest.Cli;

/// <summary>Runs a command body and turns the failures it reports into one stderr line and a documented exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CliException e)
        {
            await error.WriteLineAsync($"llmtrace: {e.Message}").ConfigureAwait(false);
            await error.FlushAsync().ConfigureAwait(false);
            return e.ExitCode;
        }
    }
}
