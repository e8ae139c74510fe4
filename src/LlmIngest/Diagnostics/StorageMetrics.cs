using System.Diagnostics.Metrics;

namespace LlmIngest.Diagnostics;

/// <summary>The payload store's instruments on the <c>LlmIngest</c> meter: uploads, retries, failures, spool state.</summary>
internal sealed class StorageMetrics
{
    private readonly Counter<long> _uploads;
    private readonly Counter<long> _uploadBytes;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _spooled;
    private readonly Counter<long> _spoolDropped;
    private readonly Counter<long> _spoolCorrupt;
    private readonly Counter<long> _duplicates;
    private readonly Histogram<double> _uploadLatency;
    private readonly Meter _meter;

    public StorageMetrics(IMeterFactory meterFactory)
    {
        var meter = _meter = meterFactory.Create(IngestMetrics.MeterName);
        _uploads = meter.CreateCounter<long>("llmingest.storage.uploads", "{object}", "Objects uploaded to S3 (direct or replayed from the spool).");
        _uploadBytes = meter.CreateCounter<long>("llmingest.storage.upload.bytes", "By", "Bytes uploaded to S3, as stored (compressed).");
        _failures = meter.CreateCounter<long>("llmingest.storage.failures", "{failure}", "Upload attempts that failed, by reason.");
        _retries = meter.CreateCounter<long>("llmingest.storage.retries", "{retry}", "Upload retries, by reason.");
        _spooled = meter.CreateCounter<long>("llmingest.spool.writes", "{object}", "Payloads written to the outage spool.");
        _spoolDropped = meter.CreateCounter<long>("llmingest.spool.dropped", "{object}", "Payloads lost because the spool was full, by policy.");
        _spoolCorrupt = meter.CreateCounter<long>("llmingest.spool.corrupt", "{file}", "Torn or corrupt spool files quarantined.");
        _duplicates = meter.CreateCounter<long>("llmingest.spool.duplicate_ids", "{object}", "Spooled payloads whose key was taken by a different payload at replay; stored under their content-named key.");
        _uploadLatency = meter.CreateHistogram<double>("llmingest.storage.upload.duration", "ms", "Duration of successful uploads, retries included.");
    }

    /// <summary>Publishes the spool's depth, bytes and oldest age as observable gauges.</summary>
    public void Observe(Func<int> depth, Func<long> bytes, Func<double> oldestAgeSeconds)
    {
        var meter = _meter;
        meter.CreateObservableGauge("llmingest.spool.depth", () => (long)depth(), "{object}", "Payloads waiting in the spool.");
        meter.CreateObservableGauge("llmingest.spool.bytes", bytes, "By", "Bytes in the spool.");
        meter.CreateObservableGauge("llmingest.spool.oldest_age", oldestAgeSeconds, "s", "Age of the oldest spooled payload.");
    }

    public void Uploaded(long bytes, double milliseconds)
    {
        _uploads.Add(1);
        _uploadBytes.Add(bytes);
        _uploadLatency.Record(milliseconds);
    }

    public void Failed(string reason) => _failures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Retried(string reason) => _retries.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Spooled() => _spooled.Add(1);

    public void SpoolDropped(int count, string policy) => _spoolDropped.Add(count, new KeyValuePair<string, object?>("policy", policy));

    public void SpoolCorrupt() => _spoolCorrupt.Add(1);

    public void Duplicate() => _duplicates.Add(1);
}
