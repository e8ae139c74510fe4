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
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var traceId = new Argument<string>("trace_id") { Description = "The trace id." };
        var logs = CliOptions.Logs();
        var store = new StoreFlags();
        var cache = new FleetFlags().Cache;
        var command = new Command("verify", "Check a trace's hash chain: JSONL line ↔ object bytes ↔ object metadata.") { traceId, logs, cache };
        store.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(error, () => RunAsync(
            parseResult.GetValue(traceId)!, parseResult.GetValue(logs), parseResult.GetValue(store.Tenant), parseResult.GetValue(cache), store.Resolve(parseResult), output, error, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string traceId, string[]? logPaths, string? tenantFlag, string? cacheFlag, LlmTraceIngestOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        TraceTarget.ValidateIds(traceId, null, tenantFlag);
        var source = await LogSource.ResolveAsync(logPaths, options, cacheFlag, new FleetQuery(tenantFlag, null, null) { TraceId = traceId }, error, "verify", cancellationToken).ConfigureAwait(false);
        var files = source.Files;
        var lines = TraceLines.Find(files, traceId, cancellationToken);
        var tenant = TraceTarget.Tenant(tenantFlag, lines, options);
        using var connection = PayloadStoreConnection.Open(options);
        var bySpan = TraceLines.BySpan(lines, tenant);
        var payloads = await TraceFetcher.FetchAsync(connection, tenant, traceId, null, bySpan, cancellationToken).ConfigureAwait(false);
        if (payloads.Count == 0 && bySpan.Count == 0)
        {
            throw new CliException(ExitCodes.NotFound, $"no payloads for trace {traceId} under tenant {tenant} in {connection.Location}, and no JSONL lines for it in {files.Count} log file(s).");
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
}
