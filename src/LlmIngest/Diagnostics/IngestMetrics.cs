using System.Diagnostics.Metrics;

namespace LlmIngest.Diagnostics;

/// <summary>Publishes <see cref="IngestCounters"/> on the <c>LlmIngest</c> meter.</summary>
internal sealed class IngestMetrics
{
    public const string MeterName = "LlmIngest";

    public IngestMetrics(IMeterFactory meterFactory, IngestCounters counters, Func<long> queueDepth)
    {
        // The factory owns and disposes the meter; StorageMetrics gets the same instance from it.
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("llmingest.traces.recorded", () => counters.Calls, "{trace}", "Record calls made by the app.");
        meter.CreateObservableCounter("llmingest.traces.accepted", () => counters.Accepted, "{trace}", "Traces accepted into the queue.");
        meter.CreateObservableCounter(
            "llmingest.traces.dropped",
            () => new[]
            {
                Reason(counters.DroppedQueueFull, "queue_full"),
                Reason(counters.DroppedTimeout, "timeout"),
                Reason(counters.DroppedInvalid, "invalid"),
                Reason(counters.DroppedStopped, "stopped"),
                Reason(counters.Evicted, "evicted"),
            },
            "{trace}",
            "Traces dropped, by reason. accepted + dropped (without evicted) equals recorded.");
        meter.CreateObservableCounter(
            "llmingest.traces.processed",
            () => new[]
            {
                new Measurement<long>(counters.Processed - counters.ProcessingFailed, new KeyValuePair<string, object?>("outcome", "ok")),
                new Measurement<long>(counters.ProcessingFailed, new KeyValuePair<string, object?>("outcome", "failed")),
            },
            "{trace}",
            "Traces the worker finished with.");
        meter.CreateObservableCounter("llmingest.payloads.stored", () => counters.PayloadsStored, "{object}", "Payload objects written to the store.");
        meter.CreateObservableCounter("llmingest.payloads.failed", () => counters.PayloadsFailed, "{object}", "Payload writes that failed.");
        meter.CreateObservableCounter("llmingest.payloads.bytes", () => counters.PayloadBytes, "By", "Payload bytes written to the store.");
        meter.CreateObservableCounter("llmingest.log.lines", () => counters.LogLinesWritten, "{line}", "JSONL lines written.");
        meter.CreateObservableCounter("llmingest.log.failed", () => counters.LogLinesFailed, "{line}", "JSONL lines that could not be written.");
        meter.CreateObservableCounter("llmingest.cost.unknown_model", () => counters.CostUnknownCount, "{trace}", "Traces with usage whose model has no price (cost left null).");
        meter.CreateObservableCounter(
            "llmingest.traces.sanitized",
            () => new[]
            {
                new Measurement<long>(counters.SanitizedNonFinite, new KeyValuePair<string, object?>("reason", SanitizeReasons.NonFinite)),
                new Measurement<long>(counters.SanitizedNegativeTokens, new KeyValuePair<string, object?>("reason", SanitizeReasons.NegativeTokens)),
                new Measurement<long>(counters.SanitizedOutOfRange, new KeyValuePair<string, object?>("reason", SanitizeReasons.OutOfRange)),
            },
            "{field}",
            "Fields of accepted traces made representable: NaN/Infinity, negative token counts or out-of-range values set to null (latency to 0).");
        meter.CreateObservableCounter(
            "llmingest.traces.rejected",
            () =>
            {
                var reasons = Enum.GetValues<RejectionReason>();
                var measurements = new Measurement<long>[reasons.Length];
                for (var i = 0; i < reasons.Length; i++)
                {
                    measurements[i] = Reason(counters.RejectedCount(reasons[i]), Queue.DropReporter.ReasonName(reasons[i]));
                }

                return measurements;
            },
            "{trace}",
            "Invalid traces refused at record time, by reason (the field at fault); they add up to llmingest.traces.dropped{reason=invalid}.");
        meter.CreateObservableCounter("llmingest.traces.duplicate_ids", () => counters.DuplicateIds, "{trace}", "Traces whose (tenant, trace_id, span_id) already held a different payload; stored under a distinct key.");
        meter.CreateObservableCounter("llmingest.stages.failed", () => counters.OptionalStageFailed, "{failure}", "Optional stages (pricing, summary, diagnostics, debug output) that failed on a trace that was still written.");
        meter.CreateObservableCounter(
            "llmingest.traces.sampled_out",
            () => new[] { Reason(counters.SampledOutByRate, "rate"), Reason(counters.SampledOutByUpstream, "upstream") },
            "{trace}",
            "Calls whose payload sampling left out, by reason (their rate, or an upstream trace not sampled).");
        meter.CreateObservableCounter("llmingest.media.stored", () => counters.Media.Stored, "{object}", "Media objects (images, audio, files of messages) written to the store.");
        meter.CreateObservableCounter("llmingest.media.deduplicated", () => counters.Media.Deduplicated, "{object}", "Media this process had stored already: referenced, not written again.");
        meter.CreateObservableCounter("llmingest.media.failed", () => counters.Media.Failed, "{object}", "Media object writes that failed (the payload is still stored, with the reference).");
        meter.CreateObservableCounter("llmingest.media.bytes", () => counters.Media.Bytes, "By", "Media bytes written to the store.");
        meter.CreateObservableUpDownCounter("llmingest.queue.depth", queueDepth, "{trace}", "Traces waiting in the queue.");
    }

    private static Measurement<long> Reason(long value, string reason) =>
        new(value, new KeyValuePair<string, object?>("reason", reason));
}
