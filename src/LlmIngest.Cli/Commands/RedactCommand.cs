using System.CommandLine;
using LlmIngest.Redaction;
using Microsoft.Extensions.Configuration;

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

    public static async Task<int> RunAsync(FileInfo? configFile, bool quiet, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (configFile is { Exists: false })
        {
            await error.WriteLineAsync($"llmtrace: config file '{configFile.FullName}' not found.").ConfigureAwait(false);
            return 2;
        }

        var options = new RedactionOptions();
        try
        {
            CliConfiguration.Load(configFile).GetSection("Redaction").Bind(options);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or FormatException)
        {
            await error.WriteLineAsync($"llmtrace: cannot read the configuration: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        var errors = new List<string>();
        RedactionOptionsValidator.Validate(options, "LlmIngest:Redaction", errors);
        if (errors.Count > 0)
        {
            foreach (var message in errors)
            {
                await error.WriteLineAsync($"llmtrace: {message}").ConfigureAwait(false);
            }

            return 2;
        }

        var redactor = RedactorFactory.Create(options);
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
