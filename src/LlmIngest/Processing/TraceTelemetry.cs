using LlmIngest.Diagnostics;
using LlmIngest.Queue;
using LlmIngest.Storage;
using LlmIngest.Telemetry;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Processing;

/// <summary>
/// The worker's side of the OpenTelemetry spans and metrics (only when on): once a call's fate is known — stored,
/// failed to store, sampled out, or failed in processing — it records the GenAI metrics and completes the call's span
/// with the payload's URI and the storage outcome. Every span that reaches the worker is stopped exactly once: a batch
/// cut short (shutdown) stops the rest as dropped.
/// </summary>
internal sealed class TraceTelemetry(ChatSpanCompleter spans, GenAiMetrics metrics, IPayloadStore store, ILogger<TraceTelemetry> logger)
{
    private readonly IPayloadLocator? _locator = store as IPayloadLocator;

    /// <summary>A call that processing failed before its payload was stored.</summary>
    public void Failed(QueuedTrace queued, Exception exception) =>
        Complete(queued, new ContentStorage(ContentStorageStatus.Failure, ErrorType: exception.GetType().FullName), redacted: false, metered: false);

    /// <summary>A call done without an upload: sampled out (<paramref name="item"/> null when nothing is kept), or an operation's line.</summary>
    public void Prepared(QueuedTrace queued, PreparedTrace? item) =>
        Complete(queued, ContentStorage.Skipped, redacted: item is not null, metered: true);

    /// <summary>A call whose payload upload has finished, successfully or not.</summary>
    public void Stored(QueuedTrace queued, PreparedTrace item)
    {
        var storage = item.Record.PayloadStored
            ? new ContentStorage(ContentStorageStatus.Success, _locator?.UriOf(item.Record.PayloadKey))
            : new ContentStorage(ContentStorageStatus.Failure, ErrorType: item.StoreError ?? typeof(OperationCanceledException).FullName);
        Complete(queued, storage, redacted: true, metered: true);
    }

    /// <summary>Stops the spans of a batch the worker could not finish (shutdown timeout, a failure of the batch).</summary>
    public static void Abandon(IReadOnlyList<QueuedTrace> batch)
    {
        foreach (var queued in batch)
        {
            ChatSpanEnd.Dropped(queued.Deferred?.Span, "shutdown");
        }
    }

    private void Complete(QueuedTrace queued, ContentStorage storage, bool redacted, bool metered)
    {
        if (queued.Deferred?.OperationTotals is not null)
        {
            return; // an operation's own line: its span was stopped when it was disposed
        }

        var trace = queued.Trace;
        try
        {
            if (metered)
            {
                metrics.Record(trace);
            }

            if (queued.Deferred?.Span is { } span)
            {
                spans.Complete(span, trace, storage, redacted);
            }
        }
        catch (Exception e)
        {
            TelemetryLog.SpanCompletionFailed(logger, e, trace.TraceId, trace.SpanId);
        }
    }
}
