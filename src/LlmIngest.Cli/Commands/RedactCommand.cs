using System.CommandLine;

namespace LlmIngest.Cli.Commands;

/// <summary>
/// <c>llmtrace redact [--config appsettings.json]</c>: reads text from stdin and writes it redacted to stdout, line for
/// line, with the detectors, style and allow-lists of <c>LlmIngest:Redaction</c>. A summary of the findings goes to stderr.
/// </summary>
internal static class RedactCommand
{
    public static Command Create(TextReader input, TextWriter output, TextWriter error)
    {
        var config = new Option<FileInfo?>("--config", "-c")
        {
            Description = "An appsettings-style JSON file; its LlmIngest:Redaction section configures redaction.",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Do not print the summary of findings to stderr." };
        var command = new Command("redact", "Redact PII and secrets from stdin, line by line, to stdout.") { config, quiet };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(config), parseResult.GetValue(quiet), input, output, error, cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(FileInfo? configFile, bool quiet, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(error, () => RedactAsync(configFile, quiet, input, output, error, cancellationToken));

    private static async Task<int> RedactAsync(FileInfo? configFile, bool quiet, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // The same section, binding and validation as the library (LlmIngest:Redaction), so what this prints is what
        // the host would store.
        var options = CliConfiguration.LoadOptions(configFile).Redaction;
        var errors = LlmTraceRedaction.Validate(options);
        if (errors.Count > 0)
        {
            throw new CliException(ExitCodes.InvalidConfiguration, string.Join(Environment.NewLine + "llmtrace: ", errors));
        }

        var redactor = LlmTraceRedaction.CreateRedactor(options);
        var counts = new RedactionCounts();
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            await output.WriteLineAsync(redactor.Redact(line, counts)).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (!quiet && counts.Total > 0)
        {
            var summary = new List<string>(counts.ByKind.Count);
            foreach (var (kind, count) in counts.ByKind)
            {
                summary.Add($"{kind}={count}");
            }

            summary.Sort(StringComparer.Ordinal);
            await error.WriteLineAsync($"llmtrace: redacted {counts.Total} findings ({string.Join(", ", summary)})").ConfigureAwait(false);
        }

        return 0;
    }
}
