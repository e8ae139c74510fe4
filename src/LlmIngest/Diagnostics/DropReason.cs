namespace LlmIngest.Diagnostics;

/// <summary>Why a trace did not make it into, or through, the queue.</summary>
internal enum DropReason
{
    /// <summary>The queue was full (drop-newest mode, or a synchronous record in wait mode).</summary>
    QueueFull,

    /// <summary>The queue stayed full for the whole wait timeout (wait mode, asynchronous record).</summary>
    Timeout,

    /// <summary>The trace was null or carried an id that is not a valid key segment.</summary>
    Invalid,

    /// <summary>The pipeline was shutting down.</summary>
    Stopped,

    /// <summary>An accepted trace was pushed out by a newer one (drop-oldest mode).</summary>
    Evicted,
}
