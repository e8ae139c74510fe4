namespace LlmIngest.IntegrationTests.Support;

/// <summary>What an external command printed and how it exited.</summary>
internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last lines of standard error, for failure messages.</summary>
    public string ErrorTail(int lines = 25)
    {
        var all = StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
