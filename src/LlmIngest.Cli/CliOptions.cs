using System.CommandLine;

namespace LlmIngest.Cli;

/// <summary>Options several commands share, built fresh for each command (an option belongs to one command).</summary>
internal static class CliOptions
{
    public static Option<FileInfo?> Config() => new("--config", "-c")
    {
        Description = "An appsettings-style JSON file with an LlmIngest section (environment variables LlmIngest__… apply too).",
    };

    public static Option<string[]> Logs() => new("--log", "-l")
    {
        Description = "JSONL log files or folders (rolled and .gz files included); default LlmIngest:Log:Directory.",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Machine-readable JSON output." };
}
