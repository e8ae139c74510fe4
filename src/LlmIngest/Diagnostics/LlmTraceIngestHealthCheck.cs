using LlmIngest.Queue;
using LlmIngest.Sinks;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmIngest.Diagnostics;

/// <summary>
/// Healthy while payloads reach the store and lines the log; degraded while S3 is down and payloads spool, or while the
/// trace log cannot be written; unhealthy when the spool is full.
/// </summary>
internal sealed class LlmTraceIngestHealthCheck(IPayloadStore store, TraceQueue queue, IngestCounters counters, ITraceLogSink sink) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["queue_depth"] = queue.Depth,
            ["queue_capacity"] = queue.Capacity,
            ["dropped_at_record"] = counters.DroppedAtRecord,
            ["payloads_failed"] = counters.PayloadsFailed,
            ["log_lines_failed"] = counters.LogLinesFailed,
        };
        var logProblem = counters.LogFailing ? $" The trace log at {sink.Description} cannot be written: lines are being lost." : string.Empty;
        if (store is not S3PayloadStore s3)
        {
            return Task.FromResult(logProblem.Length > 0
                ? HealthCheckResult.Degraded($"Payloads go to {store.Description}." + logProblem, data: data)
                : HealthCheckResult.Healthy($"Payloads go to {store.Description}.", data));
        }

        data["spool_depth"] = s3.Spool.Count;
        data["spool_bytes"] = s3.Spool.Bytes;
        data["spool_max_bytes"] = s3.Spool.MaxBytes;
        data["spool_oldest_age_seconds"] = s3.Spool.OldestAge.TotalSeconds;
        if (s3.Spool.IsFull)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"{s3.Description} is unreachable and the spool at {s3.Spool.Directory} is full: payloads are being lost." + logProblem, data: data));
        }

        if (s3.InOutage || s3.Spool.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{s3.Description} is unreachable or recovering: {s3.Spool.Count} payload(s) wait in the spool." + logProblem, data: data));
        }

        return Task.FromResult(logProblem.Length > 0
            ? HealthCheckResult.Degraded($"Payloads go to {s3.Description}." + logProblem, data: data)
            : HealthCheckResult.Healthy($"Payloads go to {s3.Description}.", data));
    }
}
