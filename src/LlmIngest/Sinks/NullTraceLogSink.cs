namespace LlmIngest.Sinks;

/// <summary>Discards the preview lines (<see cref="PreviewLogTarget.None"/>).</summary>
internal sealed class NullTraceLogSink : ITraceLogSink
{
    public string Description => "none";

    public ValueTask WriteBatchAsync(IReadOnlyList<LlmTraceLogLine> records, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public void Dispose()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
