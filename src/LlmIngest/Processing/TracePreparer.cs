using System.Security.Cryptography;
using System.Text.Json;
using LlmIngest.Capture;
using LlmIngest.Diagnostics;
using LlmIngest.Queue;
using LlmIngest.Redaction;
using LlmIngest.Sampling;
using LlmIngest.Sinks;
using LlmIngest.Storage;

namespace LlmIngest.Processing;

/// <summary>
/// Turns one queued trace into its payload object and preview line: enrich and sanitize, redact, serialize and hash,
/// then key the payload and build the line. An operation's own trace gets its calls' totals and a line without payload.
/// A call sampling leaves out (<see cref="TraceSampler"/>, decided after enrichment so latency and errors are final) gets
/// a line without payload marked <c>sampled_out</c>, or nothing at all.
/// </summary>
internal sealed class TracePreparer(
    TraceEnricher enricher,
    TraceRedactor redactor,
    IPayloadStore store,
    IngestCounters counters,
    DebugTracePrinter debug,
    StageFailures failures,
    PreparedTraceSettings settings,
    TraceSampler sampler,
    MediaOffloader? media = null)
{
    /// <summary>The trace's payload and line; null when sampling left it out with <see cref="SampledOutMode.Nothing"/>.</summary>
    public PreparedTrace? Prepare(QueuedTrace item)
    {
        var trace = item.Trace;
        if (item.Deferred?.OperationTotals is { } totals)
        {
            return PrepareOperation(trace, totals);
        }

        var sanitized = enricher.Enrich(trace, item.Deferred);
        var outcome = sampler.Decide(trace);
        if (outcome != SamplingOutcome.Keep)
        {
            counters.SampledOut(upstream: outcome == SamplingOutcome.DropByUpstream);
            return sampler.SampledOut == SampledOutMode.Nothing ? null : PrepareSampledOut(trace, sanitized);
        }

        // Media leave the trace before redaction and serialization, which then never read a base64 blob.
        var offload = media?.Offload(trace);
        var counts = new RedactionCounts();
        var truncated = false;
        byte[]? content = null;
        if (!settings.RedactPayloads)
        {
            content = PayloadSizeCap.Fit(trace, JsonSerializer.SerializeToUtf8Bytes(trace, LlmIngestJsonContext.Relaxed.LlmTrace), settings.MaxPayloadBytes, ref truncated);
        }

        // Previews, tags and the error in the preview line are always redacted.
        redactor.Redact(trace, counts);
        content ??= PayloadSizeCap.Fit(trace, JsonSerializer.SerializeToUtf8Bytes(trace, LlmIngestJsonContext.Relaxed.LlmTrace), settings.MaxPayloadBytes, ref truncated);
        try
        {
            debug.Print(trace);
        }
        catch (Exception e)
        {
            failures.Report("debug_output", e, trace);
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var key = store.GetKey(trace.TenantId!, trace.TraceId!, trace.SpanId!);
        var record = LineFor(trace, counts, sanitized, key, sha256, content.Length);
        record.PayloadTruncated = truncated ? true : null;
        record.MediaCount = offload?.Count;
        record.MediaBytes = offload?.Bytes;

        var payload = new PayloadObject
        {
            Key = key,
            Content = content,
            Sha256 = sha256,
            TenantId = trace.TenantId!,
            TraceId = trace.TraceId!,
            SpanId = trace.SpanId!,
            Step = trace.Step,
            SessionId = trace.SessionId,
            Model = trace.Model,
            RetentionClass = trace.Error is null ? settings.Retention.DefaultClass : settings.Retention.ErrorClass,
        };
        return new PreparedTrace(payload, record, offload is { Objects.Count: > 0 } ? offload : null);
    }

    /// <summary>A sampled-out call's line: redacted previews, no payload (empty key and hash), marked <c>sampled_out</c>.</summary>
    private PreparedTrace PrepareSampledOut(LlmTrace trace, IReadOnlyList<string>? sanitized)
    {
        var counts = new RedactionCounts();
        redactor.Redact(trace, counts);
        var record = LineFor(trace, counts, sanitized, string.Empty, string.Empty, 0);
        record.SampledOut = true;
        return new PreparedTrace(null, record);
    }

    /// <summary>An operation's own line: its calls' totals, no payload, not a call (the session summary skips it).</summary>
    private PreparedTrace PrepareOperation(LlmTrace trace, OperationTally totals)
    {
        totals.ApplyTo(trace);
        TraceSanitizer.Sanitize(trace, counters);
        redactor.Redact(trace, new RedactionCounts());
        var record = PreviewLine.For(trace, null, null, null, string.Empty, string.Empty, 0);
        record.Calls = totals.Calls;
        record.Errors = totals.Errors;
        return new PreparedTrace(null, record);
    }

    /// <summary>The preview line of a redacted trace: its 100-character previews, redaction counts and payload fields.</summary>
    private LlmTraceLogLine LineFor(LlmTrace trace, RedactionCounts counts, IReadOnlyList<string>? sanitized, string key, string sha256, long bytes)
    {
        var output = trace.Response ?? PreviewText.LastContent(trace.ResponseMessages);
        var record = PreviewLine.For(
            trace,
            PreviewText.Cut(PreviewText.LastUserContent(trace.Messages), settings.PreviewLength),
            PreviewText.Cut(output, settings.PreviewLength),
            counts.ByKind,
            key,
            sha256,
            bytes);
        record.Sanitized = sanitized;
        return record;
    }
}
