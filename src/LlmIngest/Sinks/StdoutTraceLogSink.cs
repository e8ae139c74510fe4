namespace LlmIngest.Sinks;

/// <summary>Writes the JSONL lines to standard output.</summary>
internal sealed class StdoutTraceLogSink : ITraceLogSink
{
    private readonly JsonlLineEncoder _encoder;
    private readonly Stream _stdout = Console.OpenStandardOutput();

    public StdoutTraceLogSink(int maxLineBytes = PreviewLogOptions.DefaultMaxLineBytes) => _encoder = new JsonlLineEncoder(maxLineBytes);

    public string Description => "stdout";

    public async ValueTask WriteBatchAsync(IReadOnlyList<LlmTraceLogLine> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            await _stdout.WriteAsync(_encoder.Encode(record), cancellationToken).ConfigureAwait(false);
        }

        await _stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stdout.Dispose();

    public ValueTask DisposeAsync() => _stdout.DisposeAsync();
}
