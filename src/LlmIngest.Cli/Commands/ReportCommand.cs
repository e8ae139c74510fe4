using System.CommandLine;
using System.Text;
using LlmIngest.Cli.Analysis;
using LlmIngest.Cli.Fleet;
using LlmIngest.Cli.Logs;
using LlmIngest.Cli.Report;

namespace LlmIngest.Cli.Commands;

/// <summary>
/// <c>llmtrace report --out report.html [--log PATH…] [--title T] [--top N] [--link-template URL]</c>: a self-contained
/// HTML page with server-drawn SVG charts (latency distribution, calls and cost over time, errors by type) and the
/// slowest calls with their trace ids. Streams the logs like <c>stats</c>, the fleet index too when there is no <c>--log</c>.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var logs = CliOptions.Logs();
        var config = CliOptions.Config();
        var outFile = new Option<FileInfo>("--out", "-o") { Description = "The HTML file to write.", Required = true };
        var title = new Option<string>("--title") { Description = "The page title.", DefaultValueFactory = _ => "LLM calls report" };
        var top = new Option<int>("--top") { Description = "How many of the slowest calls to list.", DefaultValueFactory = _ => 20 };
        var link = new Option<string?>("--link-template") { Description = "Makes trace ids links: a URL with {trace_id} (and {tenant_id}), e.g. your trace viewer." };
        var window = new LogWindow();
        var fleetFlags = new FleetFlags();
        var command = new Command("report", "Write a self-contained HTML report with charts of the JSONL logs.") { outFile, logs, config, title, top, link };
        window.AddTo(command);
        fleetFlags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(error, async () =>
        {
            var options = CliConfiguration.LoadOptions(parseResult.GetValue(config));
            fleetFlags.Apply(parseResult, options);
            var query = window.Query(parseResult);
            var source = await LogSource.ResolveAsync(parseResult.GetValue(logs), options, parseResult.GetValue(fleetFlags.Cache), query, error, "report", cancellationToken).ConfigureAwait(false);
            var files = source.Files;
            var scanner = new LogScanner(files, ScanProgress.ForTerminal(error, "report"));
            var analysis = new LogAnalysis(StatsGrouping.Model, Math.Max(0, parseResult.GetValue(top)));
            foreach (var entry in scanner.Read(cancellationToken))
            {
                if (LogWindow.Contains(query, entry.Record))
                {
                    analysis.Add(entry.Record);
                }
            }

            if (source.FleetNote is { } fleet)
            {
                await error.WriteLineAsync($"llmtrace: {fleet}").ConfigureAwait(false);
            }

            var html = HtmlReport.Build(analysis, files, parseResult.GetValue(title)!, parseResult.GetValue(link), DateTimeOffset.UtcNow);
            var target = parseResult.GetValue(outFile)!;
            if (target.DirectoryName is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await File.WriteAllTextAsync(target.FullName, html, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            if (scanner.MalformedNote() is { } note)
            {
                await error.WriteLineAsync($"llmtrace: {note}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"wrote {target.FullName} ({analysis.Calls:N0} calls)").ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
