using System.CommandLine;
using System.Globalization;
using LlmIngest.Cli.Fleet;
using LlmIngest.Cli.Logs;
using LlmIngest.Cli.Output;

namespace LlmIngest.Cli.Commands;

/// <summary>
/// <c>llmtrace find [--log PATH…] [--session] [--user] [--model] [--error [TYPE]] [--min-latency MS] [--since] [--until] [--tag]… [--json]</c>:
/// streams the JSONL logs (rolled and gzipped files included) and lists the calls that match every filter given.
/// <c>--session</c> and <c>--user</c> take the raw value: an id that held PII is logged as its keyed pseudonym, which is
/// computed here with the same key (<c>LlmIngest:Redaction:PseudonymKey</c> from the config file or environment).
/// Rows for the terminal have control and bidirectional characters escaped (<see cref="TerminalText"/>). Without
/// <c>--log</c> and with an S3 store configured it reads the fleet index in the bucket (<see cref="LogSource"/>): only the
/// partitions of <c>--tenant</c> and <c>--since/--until</c>, and with <c>--session</c> or <c>--trace</c> only the segments
/// whose summary may hold that id. Operations' own lines are listed only with <c>--operations</c>.
/// </summary>
internal static class FindCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var logs = CliOptions.Logs();
        var config = CliOptions.Config();
        var session = new Option<string?>("--session") { Description = "session_id equals (the raw value; matches its pseudonym too when LlmIngest:Redaction:PseudonymKey is configured)." };
        var user = new Option<string?>("--user") { Description = "user_id equals (the raw value; matches its pseudonym too when LlmIngest:Redaction:PseudonymKey is configured)." };
        var trace = new Option<string?>("--trace") { Description = "trace_id equals." };
        var tenant = new Option<string?>("--tenant", "-t") { Description = "tenant_id equals." };
        var function = new Option<string?>("--function") { Description = "function_name equals." };
        var model = new Option<string?>("--model") { Description = "model or response_model equals (* matches anything: 'gpt-4o*')." };
        var failed = new Option<string?>("--error")
        {
            Description = "Only failed calls; with a value, only that error_type (rate_limit, timeout, …).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var minLatency = new Option<double?>("--min-latency") { Description = "latency_ms at least this many milliseconds." };
        var since = new Option<string?>("--since") { Description = "Calls at or after: 2026-11-23, 2026-11-23T10:00:00Z, or a time ago: 30m, 2h, 7d." };
        var until = new Option<string?>("--until") { Description = "Calls before (same forms as --since)." };
        var tags = new Option<string[]>("--tag") { Description = "A tag the call carries (repeat for several: all must match)." };
        var operations = new Option<bool>("--operations") { Description = "Only operations' own lines (agent runs: name, duration, calls, tokens, cost)." };
        var limit = new Option<int>("--limit", "-n") { Description = "Stop after this many matches (0 = all).", DefaultValueFactory = _ => 0 };
        var json = CliOptions.Json();
        json.Description = "Print the matching JSONL lines exactly as logged.";
        var fleetFlags = new FleetFlags();
        var command = new Command("find", "List the calls in the JSONL logs that match the filters.")
        {
            logs, config, session, user, trace, tenant, function, model, failed, minLatency, since, until, tags, operations, limit, json,
        };
        fleetFlags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(error, async () =>
        {
            var options = CliConfiguration.LoadOptions(parseResult.GetValue(config));
            fleetFlags.Apply(parseResult, options);
            var now = DateTimeOffset.UtcNow;
            var sessionId = parseResult.GetValue(session);
            var userId = parseResult.GetValue(user);
            var filter = new LogFilter
            {
                SessionId = sessionId,
                SessionPseudonym = sessionId is null ? null : LlmTraceRedaction.PseudonymOf(options.Redaction, sessionId),
                UserId = userId,
                UserPseudonym = userId is null ? null : LlmTraceRedaction.PseudonymOf(options.Redaction, userId),
                TraceId = parseResult.GetValue(trace),
                TenantId = parseResult.GetValue(tenant),
                FunctionName = parseResult.GetValue(function),
                Model = parseResult.GetValue(model),
                ErrorsOnly = parseResult.GetResult(failed) is not null,
                ErrorType = parseResult.GetValue(failed),
                MinLatencyMs = parseResult.GetValue(minLatency),
                Since = parseResult.GetValue(since) is { } s ? DurationText.ParsePoint(s, "--since", now) : null,
                Until = parseResult.GetValue(until) is { } u ? DurationText.ParsePoint(u, "--until", now) : null,
                Tags = parseResult.GetValue(tags) ?? [],
                OperationsOnly = parseResult.GetValue(operations),
            };
            var query = new FleetQuery(filter.TenantId, filter.Since, filter.Until)
            {
                Sessions = sessionId is null ? [] : filter.SessionPseudonym is { } pseudonym ? [sessionId, pseudonym] : [sessionId],
                TraceId = filter.TraceId,
            };
            var source = await LogSource.ResolveAsync(parseResult.GetValue(logs), options, parseResult.GetValue(fleetFlags.Cache), query, error, "find", cancellationToken).ConfigureAwait(false);
            return await RunAsync(source, filter, parseResult.GetValue(limit), parseResult.GetValue(json), output, error, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> RunAsync(LogFileSet source, LogFilter filter, int limit, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var files = source.Files;
        var scanner = new LogScanner(files, ScanProgress.ForTerminal(error, "find"));
        long matches = 0;
        if (!json)
        {
            await output.WriteLineAsync($"{"timestamp",-24}  {"trace_id",-32}  {"step",4}  {"model",-20}  {"latency",9}  {"tokens",11}  {"cost $",10}  {"outcome",-18}  input").ConfigureAwait(false);
        }

        foreach (var entry in scanner.Read(cancellationToken))
        {
            if (!filter.Matches(entry.Record))
            {
                continue;
            }

            matches++;
            await output.WriteLineAsync(json ? TerminalText.Safe(entry.Line) : Row(entry.Record)).ConfigureAwait(false);
            if (limit > 0 && matches >= limit)
            {
                break;
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (scanner.MalformedNote() is { } note)
        {
            await error.WriteLineAsync($"llmtrace: {note}").ConfigureAwait(false);
        }

        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"llmtrace: {matches} matching call(s) in {scanner.Lines} line(s) of {files.Count} file(s).")).ConfigureAwait(false);
        if (source.FleetNote is { } fleet)
        {
            await error.WriteLineAsync($"llmtrace: {fleet}").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static string Row(LlmTraceLogLine r)
    {
        var outcome = r.IsOperation
            ? string.Create(CultureInfo.InvariantCulture, $"{r.Operation} {r.Calls} calls{(r.Errors > 0 ? $", {r.Errors} err" : string.Empty)}")
            : r.ErrorType is not null || r.Error is not null ? "ERROR " + (r.ErrorType ?? "unknown") : r.FinishReason ?? string.Empty;
        var tokens = $"{r.PromptTokens ?? 0}/{r.CompletionTokens ?? 0}";
        var cost = r.CostUsd is { } c ? c.ToString("0.000000", CultureInfo.InvariantCulture) : "-";
        var preview = (r.IsOperation ? r.FunctionName ?? string.Empty : r.InputPreview ?? string.Empty).ReplaceLineEndings(" ");
        if (preview.Length > 60)
        {
            preview = preview[..60] + "…";
        }

        var timestamp = r.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return TerminalText.Safe(string.Create(CultureInfo.InvariantCulture, $"{timestamp,-24}  {r.TraceId,-32}  {r.Step,4}  {Clip(r.Model, 20),-20}  {r.LatencyMs,7:0} ms  {tokens,11}  {cost,10}  {Clip(outcome, 18),-18}  {preview}"));
    }

    private static string Clip(string? text, int width) => text is null ? "-" : text.Length <= width ? text : text[..(width - 1)] + "…";
}
