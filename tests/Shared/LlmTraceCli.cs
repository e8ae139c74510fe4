using LlmIngest.Cli;

namespace LlmIngest.Testing;

/// <summary>Runs <c>llmtrace</c> in-process through its command entry point, capturing what it writes.</summary>
internal static class LlmTraceCli
{
    public static Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    /// <summary>Runs <c>llmtrace</c> with <paramref name="stdin"/> as its standard input.</summary>
    public static async Task<CliResult> RunWithInputAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, input, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>How an in-process <c>llmtrace</c> run exited and what it printed.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
