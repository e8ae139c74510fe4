using System.Diagnostics.Metrics;

namespace LlmIngest.Diagnostics;

/// <summary>Publishes <see cref="IngestCounters"/> on the <c>LlmIngest</c> meter.</summary>
internal sealed class IngestMetrics : IDisposable
{
    public const string MeterName = "LlmIngest";

    private readonly Meter _meter;

    public IngestMetrics(IMeterFactory meterFactory, IngestCounters counters, Func<long> queueDepth)
    {
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableCounter("llmingest.traces.recorded", () => counters.Calls, "{trace}", "Record calls made by the app.");
        _meter.CreateObservableCounter("llmingest.traces.accepted", () => counters.Accepted, "{trace}", "Traces accepted into the queue.");
        _meter.CreateObservableCounter(
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
        _meter.CreateObservableCounter(
            "llmingest.traces.processed",
            () => new[]
            {
                new Measurement<long>(counters.Processed - counters.ProcessingFailed, new KeyValuePair<string, object?>("outcome", "ok")),
                new Measurement<long>(counters.ProcessingFailed, new KeyValuePair<string, object?>("outcome", "failed")),
            },
            "{trace}",
            "Traces the worker finished with.");
        _meter.CreateObservableCounter("llmingest.payloads.stored", () => counters.PayloadsStored, "{object}", "Payload objects written to the store.");
        _meter.CreateObservableCounter("llmingest.payloads.failed", () => counters.PayloadsFailed, "{object}", "Payload writes that failed.");
        _meter.CreateObservableCounter("llmingest.payloads.bytes", () => counters.PayloadBytes, "By", "Payload bytes written to the store.");
        _meter.CreateObservableCounter("llmingest.log.lines", () => counters.LogLinesWritten, "{line}", "JSONL lines written.");
        _meter.CreateObservableCounter("llmingest.log.failed", () => counters.LogLinesFailed, "{line}", "JSONL lines that could not be written.");
        _meter.CreateObservableCounter("llmingest.cost.unknown_model", () => counters.CostUnknownCount, "{trace}", "Traces with usage whose model has no price (cost left null).");
        _meter.CreateObservableUpDownCounter("llmingest.queue.depth", queueDepth, "{trace}", "Traces waiting in the queue.");
    }

    public void Dispose() => _meter.Dispose();

    private static Measurement<long> Reason(long value, string reason) =>
        new(value, new KeyValuePair<string, object?>("reason", reason));
}
