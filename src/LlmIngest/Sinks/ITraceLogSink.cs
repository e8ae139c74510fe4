namespace LlmIngest.Sinks;

/// <summary>Where the JSONL preview lines go.</summary>
internal interface ITraceLogSink : IAsyncDisposable, IDisposable
{
    /// <summary>A human-readable description of the target, for the library's own log.</summary>
    string Description { get; }

    /// <summary>Appends one line per record, in order, and flushes once.</summary>
    ValueTask WriteBatchAsync(IReadOnlyList<LlmTraceLogLine> records, CancellationToken cancellationToken);
}
