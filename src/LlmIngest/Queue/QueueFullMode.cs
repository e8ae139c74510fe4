namespace LlmIngest;

/// <summary>What a record call does when the queue is full.</summary>
public enum QueueFullMode
{
    /// <summary>Refuse the new trace and count it as dropped.</summary>
    DropNewest,

    /// <summary>Accept the new trace and push out the oldest queued one, counting it as evicted.</summary>
    DropOldest,

    /// <summary>
    /// Asynchronous record calls wait up to <see cref="QueueOptions.FullWaitTimeout"/> for room;
    /// synchronous ones never block and behave as <see cref="DropNewest"/>.
    /// </summary>
    Wait,
}
