namespace LlmIngest;

/// <summary>Options for the bounded queue between the app and the background worker.</summary>
public sealed class QueueOptions
{
    /// <summary>How many traces may wait for the worker. Default 10,000.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>What a record call does when the queue is full. Default <see cref="QueueFullMode.DropNewest"/>.</summary>
    public QueueFullMode FullMode { get; set; } = QueueFullMode.DropNewest;

    /// <summary>In <see cref="QueueFullMode.Wait"/> mode, how long an asynchronous record call may wait for room. Default 100 ms.</summary>
    public TimeSpan FullWaitTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many traces the worker takes from the queue at once. Default 256.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>The shortest interval between two log messages about dropped traces. Default 10 s.</summary>
    public TimeSpan DropReportInterval { get; set; } = TimeSpan.FromSeconds(10);
}
