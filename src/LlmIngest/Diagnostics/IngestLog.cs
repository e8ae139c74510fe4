using Microsoft.Extensions.Logging;

namespace LlmIngest.Diagnostics;

/// <summary>The pipeline's own log messages. None of them carries prompt or response text.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(1, LogLevel.Warning, "LlmIngest dropped {Count} trace(s) since the last report: reason {Reason}, queue capacity {Capacity}. Raise LlmIngest:Queue:Capacity or check the payload store.")]
    public static partial void TracesDropped(ILogger logger, long count, string reason, int capacity);

    [LoggerMessage(2, LogLevel.Warning, "LlmIngest rejected {Count} invalid trace(s) since the last report; the last one because {Reason}.")]
    public static partial void TracesRejected(ILogger logger, long count, string reason);

    [LoggerMessage(3, LogLevel.Error, "LlmIngest could not process trace {TraceId} span {SpanId}; it was skipped.")]
    public static partial void TraceFailed(ILogger logger, Exception exception, string? traceId, string? spanId);

    [LoggerMessage(4, LogLevel.Error, "LlmIngest could not store payload {Key}.")]
    public static partial void PayloadWriteFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(5, LogLevel.Error, "LlmIngest could not write {Count} line(s) to the trace log {Target}.")]
    public static partial void LogWriteFailed(ILogger logger, Exception exception, int count, string target);

    [LoggerMessage(6, LogLevel.Information, "LlmIngest started: trace log {LogTarget}, payload store {Store}, queue capacity {Capacity} ({FullMode}).")]
    public static partial void Started(ILogger logger, string logTarget, string store, int capacity, string fullMode);

    [LoggerMessage(7, LogLevel.Information, "LlmIngest stopped: {Processed} trace(s) processed, {Dropped} dropped at record time, {Evicted} evicted, {Failed} failed; {Spooled} payload(s) left in the spool at {SpoolDirectory}.")]
    public static partial void Stopped(ILogger logger, long processed, long dropped, long evicted, long failed, int spooled, string spoolDirectory);

    [LoggerMessage(8, LogLevel.Error, "LlmIngest shutdown timed out with {Remaining} trace(s) not processed (still queued or in flight). Give the host a longer ShutdownTimeout or a faster store.")]
    public static partial void ShutdownIncomplete(ILogger logger, long remaining);

    [LoggerMessage(9, LogLevel.Error, "LlmIngest worker loop failed unexpectedly; it restarts.")]
    public static partial void WorkerLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "LlmIngest cannot write to {Store}: {Reason} ({ErrorCode}). Retrying cannot fix this; payloads go to the spool until it is fixed. Reported once until an upload succeeds.")]
    public static partial void StorePermanentFailure(ILogger logger, string store, string reason, string? errorCode);

    [LoggerMessage(11, LogLevel.Warning, "LlmIngest lost contact with {Store} ({Reason}); payloads go to the spool at {SpoolDirectory} until it answers again.")]
    public static partial void StoreOutage(ILogger logger, string store, string reason, string spoolDirectory);

    [LoggerMessage(12, LogLevel.Information, "LlmIngest reached {Store} again; replaying {Count} spooled payload(s).")]
    public static partial void StoreRecovered(ILogger logger, string store, int count);

    [LoggerMessage(13, LogLevel.Error, "LlmIngest spool is full ({Bytes} bytes of {MaxBytes}): {Count} payload(s) lost by policy {Policy}. Raise LlmIngest:Storage:Spool:MaxBytes or restore S3.")]
    public static partial void SpoolFull(ILogger logger, long bytes, long maxBytes, int count, string policy);

    [LoggerMessage(14, LogLevel.Error, "LlmIngest found a torn or corrupt spool file {Path}; it was moved to {CorruptDirectory} and will not be uploaded.")]
    public static partial void SpoolFileCorrupt(ILogger logger, string path, string corruptDirectory);

    [LoggerMessage(15, LogLevel.Information, "LlmIngest applied {Count} lifecycle rule(s) to bucket {Bucket}.")]
    public static partial void RetentionApplied(ILogger logger, int count, string bucket);

    [LoggerMessage(16, LogLevel.Error, "LlmIngest could not apply lifecycle rules to bucket {Bucket}; objects are still tagged with their retention class.")]
    public static partial void RetentionFailed(ILogger logger, Exception exception, string bucket);

    [LoggerMessage(17, LogLevel.Warning, "LlmIngest has no price for model {Model}: its calls are recorded with cost_usd null (counted as llmingest.cost.unknown_model). Add it under LlmIngest:Pricing:{Model}.")]
    public static partial void UnknownModelPrice(ILogger logger, string model);

    [LoggerMessage(18, LogLevel.Warning, "LlmIngest rejected a trace: {Problem} (field {Field}, value {Value}, counted as llmingest.traces.rejected with reason {Reason}). The first rejection of each reason is logged at once; later ones are summarized periodically.")]
    public static partial void FirstRejection(ILogger logger, string field, string problem, string reason, string value);

    [LoggerMessage(19, LogLevel.Warning, "LlmIngest stored trace {TraceId} span {SpanId} of tenant {TenantId} under {Key}: its ids were already taken by a different payload, which was kept (counted as llmingest.traces.duplicate_ids).")]
    public static partial void DuplicateIds(ILogger logger, string tenantId, string traceId, string spanId, string key);

    [LoggerMessage(20, LogLevel.Error, "LlmIngest stage {Stage} failed for trace {TraceId} span {SpanId}; the trace was still written (counted as llmingest.stages.failed).")]
    public static partial void OptionalStageFailed(ILogger logger, Exception exception, string stage, string? traceId, string? spanId);

    [LoggerMessage(230, LogLevel.Information, "LlmIngest is stopping with {Count} payload(s) in the spool at {SpoolDirectory}: replaying them before it stops.")]
    public static partial void StopReplayStarted(ILogger logger, int count, string spoolDirectory);

    [LoggerMessage(231, LogLevel.Information, "LlmIngest replayed the spool at stop: {Replayed} payload(s) uploaded in {Passes} pass(es), {Remaining} left in {SpoolDirectory} ({Outcome}).")]
    public static partial void StopReplayFinished(ILogger logger, int replayed, int passes, int remaining, string spoolDirectory, string outcome);

    [LoggerMessage(232, LogLevel.Error, "LlmIngest could not replay the spool at stop; {Remaining} payload(s) stay in {SpoolDirectory} for the next start.")]
    public static partial void StopReplayFailed(ILogger logger, Exception exception, int remaining, string spoolDirectory);
}
