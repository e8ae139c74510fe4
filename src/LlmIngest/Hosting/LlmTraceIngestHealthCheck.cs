using LlmIngest.Diagnostics;
using LlmIngest.Queue;
using LlmIngest.Shipping;
using LlmIngest.Sinks;
using LlmIngest.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmIngest.Hosting;

/// <summary>
/// Healthy while payloads reach the store and lines the log; degraded while S3 is down and payloads spool, while a spool
/// backlog waits (and says so apart when it has waited longer than <see cref="BacklogGrace"/> although S3 answers: the
/// replay is not draining it), or while the trace log cannot be written; unhealthy when the spool is full. The store's availability exists only for the built-in
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
    /// <summary>How long a spool backlog may wait while S3 answers before the check calls it stuck.</summary>
    public static readonly TimeSpan BacklogGrace = TimeSpan.FromMinutes(1);

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
            var index = shipper.GetBacklog();
            data["index_backlog_lines"] = index.Lines;
            data["index_backlog_bytes"] = index.Bytes;
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
        var backlog = spool.Count;
        var waited = spool.OldestAge;
        data["spool_directory"] = spool.Directory;
        data["spool_backlog"] = backlog;
        data["spool_depth"] = backlog;
        data["spool_bytes"] = spool.Bytes;
        data["spool_max_bytes"] = spool.MaxBytes;
        data["spool_oldest_age_seconds"] = waited.TotalSeconds;
        if (spool.IsFull)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"{availability.Description} is unreachable and the spool at {spool.Directory} is full: payloads are being lost." + logProblem, data: data));
        }

        if (availability.InOutage)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{availability.Description} is unreachable: {backlog} payload(s) wait in the spool at {spool.Directory}." + logProblem, data: data));
        }

        if (backlog > 0 && waited > BacklogGrace)
        {
            // Not an outage: S3 takes uploads, yet the backlog is not draining (a replay that keeps failing, or one that
            // cannot keep up). A stop now would leave these payloads on this disk.
            return Task.FromResult(HealthCheckResult.Degraded(
                $"{availability.Description} answers, but {backlog} payload(s) have waited in the spool at {spool.Directory} for {waited.TotalSeconds:0} s (more than {BacklogGrace.TotalSeconds:0} s)." + logProblem,
                data: data));
        }

        if (backlog > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{availability.Description} is recovering: {backlog} payload(s) wait in the spool at {spool.Directory}." + logProblem, data: data));
        }

        return Task.FromResult(logProblem.Length > 0
            ? HealthCheckResult.Degraded($"Payloads go to {availability.Description}." + logProblem, data: data)
            : HealthCheckResult.Healthy($"Payloads go to {availability.Description}.", data));
    }
}
