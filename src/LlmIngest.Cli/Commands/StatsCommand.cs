using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LlmIngest.Cli.Analysis;
using LlmIngest.Cli.Fleet;
using LlmIngest.Cli.Logs;

namespace LlmIngest.Cli.Commands;

/// <summary>
/// <c>llmtrace stats [--log PATH…] [--by model|day|function] [--json]</c>: calls, tokens in/out, cost, latency
/// mean/p50/p95/p99, error rate and errors by type, in total and per group. Streams the files line by line; exact
/// percentiles keep one double per call (8 MB per million calls), nothing else grows with the logs. Without
/// <c>--log</c> and with an S3 store configured it reads the fleet index (<see cref="LogSource"/>).
/// </summary>
internal static class StatsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var logs = CliOptions.Logs();
        var config = CliOptions.Config();
        var by = new Option<StatsGrouping>("--by") { Description = "Group by model (default), day (UTC) or function.", DefaultValueFactory = _ => StatsGrouping.Model };
        var json = CliOptions.Json();
        var window = new LogWindow();
        var fleetFlags = new FleetFlags();
        var command = new Command("stats", "Summarize the JSONL logs: calls, tokens, cost, latency percentiles, errors.") { logs, config, by, json };
        window.AddTo(command);
        fleetFlags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(error, async () =>
        {
            var options = CliConfiguration.LoadOptions(parseResult.GetValue(config));
            fleetFlags.Apply(parseResult, options);
            var query = window.Query(parseResult);
            var source = await LogSource.ResolveAsync(parseResult.GetValue(logs), options, parseResult.GetValue(fleetFlags.Cache), query, error, "stats", cancellationToken).ConfigureAwait(false);
            return await RunAsync(source, query, parseResult.GetValue(by), parseResult.GetValue(json), output, error, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> RunAsync(LogFileSet source, FleetQuery window, StatsGrouping by, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var files = source.Files;
        var scanner = new LogScanner(files, ScanProgress.ForTerminal(error, "stats"));
        var analysis = new LogAnalysis(by, slowest: 0);
        foreach (var entry in scanner.Read(cancellationToken))
        {
            if (LogWindow.Contains(window, entry.Record))
            {
                analysis.Add(entry.Record);
            }
        }

        if (source.FleetNote is { } fleet)
        {
            await error.WriteLineAsync($"llmtrace: {fleet}").ConfigureAwait(false);
        }

        var groups = analysis.GroupSummaries();
        var total = analysis.Total();
        if (scanner.MalformedNote() is { } note)
        {
            await error.WriteLineAsync($"llmtrace: {note}").ConfigureAwait(false);
        }

        var grouping = by.ToString().ToLowerInvariant();
        if (json)
        {
            var document = new StatsDocument(grouping, [.. files.Select(f => f.FullName)], scanner.Lines, scanner.Malformed, total, groups, analysis.Operations, analysis.SampledOut);
            await output.WriteLineAsync(JsonSerializer.Serialize(document, CliJsonContext.Default.StatsDocument)).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{total.Calls:N0} calls in {files.Count} file(s)")).ConfigureAwait(false);
        if (analysis.Operations > 0)
        {
            // Operation lines sum calls already counted above: shown apart, never added to the call figures.
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{analysis.Operations:N0} operation(s) (agent runs; `llmtrace find --operations` lists them)")).ConfigureAwait(false);
        }

        if (analysis.SampledOut > 0)
        {
            // Sampled-out calls are calls (their line has the usage and cost); only their payload was not stored.
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{analysis.SampledOut:N0} of them sampled out (line only, no payload)")).ConfigureAwait(false);
        }

        await output.WriteLineAsync(Header(grouping)).ConfigureAwait(false);
        foreach (var group in groups)
        {
            await output.WriteLineAsync(Row(group)).ConfigureAwait(false);
        }

        await output.WriteLineAsync(Row(total)).ConfigureAwait(false);
        if (total.ErrorsByType.Count > 0)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync("errors by type").ConfigureAwait(false);
            foreach (var (type, count) in total.ErrorsByType)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {type,-24} {count,10:N0}  {(double)count / total.Calls,7:P2}")).ConfigureAwait(false);
            }
        }

        if (total.CallsWithoutCost > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"\n{total.CallsWithoutCost:N0} call(s) have no cost_usd (model without a price): not in the cost column.")).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static string Header(string grouping) =>
        $"{grouping,-28} {"calls",10} {"tokens in",13} {"tokens out",13} {"cost $",12} {"mean ms",9} {"p50 ms",9} {"p95 ms",9} {"p99 ms",9} {"errors",8} {"err %",7}";

    private static string Row(StatsSummary s) => string.Create(
        CultureInfo.InvariantCulture,
        $"{(s.Key.Length > 28 ? s.Key[..27] + "…" : s.Key),-28} {s.Calls,10:N0} {s.PromptTokens,13:N0} {s.CompletionTokens,13:N0} {s.CostUsd,12:0.0000} {s.LatencyMeanMs,9:0.0} {s.LatencyP50Ms,9:0.0} {s.LatencyP95Ms,9:0.0} {s.LatencyP99Ms,9:0.0} {s.Errors,8:N0} {s.ErrorRate,7:P2}");
}
