using System.CommandLine;
using System.Globalization;
using LlmIngest.Cli.Fleet;
using LlmIngest.Cli.Logs;
using LlmIngest.Cli.Storage;

namespace LlmIngest.Cli.Commands;

/// <summary>
/// <c>llmtrace verify &lt;trace_id&gt; [--log PATH…]</c>: checks the hash chain of a trace — each JSONL line's
/// <c>payload_sha256</c> against the SHA-256 of the object's bytes and the object's <c>sha256</c> metadata — and that every
/// line whose payload was stored has its object. Exit 0 when all match, <see cref="ExitCodes.IntegrityFailure"/> otherwise.
/// Without <c>--log</c> and with an S3 store the lines come from the fleet index: only segments whose summary may hold the trace.
/// The id is read as <c>get</c> and <c>url</c> read it (see <see cref="TraceIdInput"/>).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var traceId = new Argument<string>("trace_id") { Description = "The trace id: 32 hex digits in any case, a W3C traceparent value, or an id the application supplied." };
        var logs = CliOptions.Logs();
        var store = new StoreFlags();
        var cache = new FleetFlags().Cache;
        var command = new Command("verify", "Check a trace's hash chain: JSONL line ↔ object bytes ↔ object metadata.") { traceId, logs, cache };
        store.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(error, () => RunAsync(
            parseResult.GetValue(traceId)!, parseResult.GetValue(logs), parseResult.GetValue(store.Tenant), parseResult.GetValue(cache), store.Resolve(parseResult), output, error, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string typedId, string[]? logPaths, string? tenantFlag, string? cacheFlag, LlmTraceIngestOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // The same id forms as `get` and `url`: any case, or a traceparent value (see TraceIdInput).
        var input = TraceIdInput.Parse(typedId);
        var traceId = input.TraceId;
        TraceTarget.ValidateIds(traceId, null, tenantFlag);
        using var connection = PayloadStoreConnection.Open(options);
        var (payloads, bySpan, logFiles) = await FindAsync(traceId, logPaths, tenantFlag, cacheFlag, options, connection, error, cancellationToken).ConfigureAwait(false);
        if (payloads.Count == 0 && bySpan.Count == 0 && input.AsTyped is { } asTyped)
        {
            // An id the application supplied itself, in capitals: ids differing in case are distinct.
            var typed = await FindAsync(asTyped, logPaths, tenantFlag, cacheFlag, options, connection, error, cancellationToken).ConfigureAwait(false);
            if (typed.Payloads.Count > 0 || typed.BySpan.Count > 0)
            {
                (traceId, payloads, bySpan, logFiles) = (asTyped, typed.Payloads, typed.BySpan, typed.LogFiles);
            }
        }

        if (payloads.Count == 0 && bySpan.Count == 0)
        {
            throw new CliException(ExitCodes.NotFound, $"no payloads for trace {traceId} under tenant {TraceTarget.Tenant(tenantFlag, [], options)} in {connection.Location}, and no JSONL lines for it in {logFiles} log file(s).");
        }

        var failed = 0;
        var unchecked_ = 0;
        foreach (var item in payloads)
        {
            var step = item.Step == int.MaxValue ? "?" : item.Step.ToString(CultureInfo.InvariantCulture);
            if (item.Problem is not null)
            {
                failed++;
                await output.WriteLineAsync($"FAIL  step {step} span {item.SpanId}: {item.Key} {item.Problem}").ConfigureAwait(false);
            }
            else if (item.Line is null)
            {
                unchecked_++;
                await output.WriteLineAsync($"ok?   step {step} span {item.SpanId}: sha256 {item.Payload!.Sha256} matches the {(item.VerifiedBy.Length > 0 ? item.VerifiedBy : "nothing")}; no JSONL line for it in the logs read").ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"ok    step {step} span {item.SpanId}: sha256 {item.Payload!.Sha256} = {item.VerifiedBy}").ConfigureAwait(false);
            }
        }

        foreach (var line in bySpan.Values.Where(l => !l.PayloadStored).OrderBy(l => l.Step))
        {
            await output.WriteLineAsync($"note  step {line.Step} span {line.SpanId}: the JSONL line says payload_stored:false (the store refused it when it was recorded)").ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (failed > 0)
        {
            await error.WriteLineAsync($"llmtrace: INTEGRITY FAILURE: {failed} of {payloads.Count} payload(s) of trace {traceId} do not match; they may have been tampered with.").ConfigureAwait(false);
            return ExitCodes.IntegrityFailure;
        }

        var withoutLine = unchecked_ > 0 ? $", {unchecked_} without a line (checked against metadata only)" : string.Empty;
        await error.WriteLineAsync($"llmtrace: trace {traceId}: {payloads.Count - unchecked_} payload(s) verified against their JSONL lines{withoutLine}.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<(List<FetchedPayload> Payloads, Dictionary<string, LlmTraceLogLine> BySpan, int LogFiles)> FindAsync(
        string traceId, string[]? logPaths, string? tenantFlag, string? cacheFlag, LlmTraceIngestOptions options, PayloadStoreConnection connection, TextWriter error, CancellationToken cancellationToken)
    {
        var source = await LogSource.ResolveAsync(logPaths, options, cacheFlag, new FleetQuery(tenantFlag, null, null) { TraceId = traceId }, error, "verify", cancellationToken).ConfigureAwait(false);
        var lines = TraceLines.Find(source.Files, traceId, cancellationToken);
        var tenant = TraceTarget.Tenant(tenantFlag, lines, options);
        var bySpan = TraceLines.BySpan(lines, tenant);
        var payloads = await TraceFetcher.FetchAsync(connection, tenant, traceId, null, bySpan, cancellationToken).ConfigureAwait(false);
        return (payloads, bySpan, source.Files.Count);
    }
}
