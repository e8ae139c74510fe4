namespace LlmIngest;

/// <summary>
/// Records LLM traces. Recording stamps missing ids and the timestamp, enqueues, and returns at once:
/// it never waits on disk or network and never throws into the app.
/// </summary>
public interface ILlmTraceRecorder
{
    /// <summary>
    /// Enqueues <paramref name="trace"/>; returns false, and counts the reason, when it was dropped
    /// (queue full, invalid ids, shutting down). Never blocks.
    /// </summary>
    bool Record(LlmTrace trace);

    /// <summary>
    /// Enqueues <paramref name="trace"/>; in <see cref="QueueFullMode.Wait"/> mode waits up to the configured
    /// timeout for room in a full queue. Returns false when the trace was dropped.
    /// </summary>
    ValueTask<bool> RecordAsync(LlmTrace trace, CancellationToken cancellationToken = default);

    /// <summary>Completes when every trace accepted before the call has been processed by the worker.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
