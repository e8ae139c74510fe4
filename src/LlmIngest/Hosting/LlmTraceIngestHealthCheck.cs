using LlmIngest.Diagnostics;
using LlmIngest.Queue;
using LlmIngest.Shipping;
using LlmIngest.Sinks;
using LlmIngest.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmIngest.Hosting;

/// <summary>
/// Healthy while payloads reach the store and lines the log; degraded while S3 is down and payloads spool, or while the
/// trace log cannot be written; unhealthy when the spool is full. The store's availability exists only for the built-in
/// S3 store: the local folder and a store the app supplied are reported healthy by their description (with
/// <c>spool: none</c>), since they have no outage state of their own to report.
/// </summary>
internal sealed class LlmTraceIngestHealthCheck(
    IPayloadStore store,
    TraceQueue queue,
    IngestCounters counters,
    ITraceLogSink sink,
    IStorageAvailability? availability = null,
    IndexShipper? shipper = null) : IHealthCheck
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
        if (shipper is not null)
        {
            var backlog = shipper.GetBacklog();
            data["index_backlog_lines"] = backlog.Lines;
            data["index_backlog_bytes"] = backlog.Bytes;
        }

        var logProblem = counters.LogFailing ? $" The trace log at {sink.Description} cannot be written: lines are being lost." : string.Empty;
        if (availability is null)
        {
            data["spool"] = "none";
            return Task.FromResult(logProblem.Length > 0
                ? HealthCheckResult.Degraded($"Payloads go to {store.Description}." + logProblem, data: data)
                : HealthCheckResult.Healthy($"Payloads go to {store.Description}.", data));
        }

        var spool = availability.Spool;
        data["spool_depth"] = spool.Count;
        data["spool_bytes"] = spool.Bytes;
        data["spool_max_bytes"] = spool.MaxBytes;
        data["spool_oldest_age_seconds"] = spool.OldestAge.TotalSeconds;
        if (spool.IsFull)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"{availability.Description} is unreachable and the spool at {spool.Directory} is full: payloads are being lost." + logProblem, data: data));
        }

        if (availability.InOutage || spool.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{availability.Description} is unreachable or recovering: {spool.Count} payload(s) wait in the spool." + logProblem, data: data));
        }

        return Task.FromResult(logProblem.Length > 0
            ? HealthCheckResult.Degraded($"Payloads go to {availability.Description}." + logProblem, data: data)
            : HealthCheckResult.Healthy($"Payloads go to {availability.Description}.", data));
    }
}
