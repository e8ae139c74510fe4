using LlmIngest.Storage;

namespace LlmIngest.Tests.Support;

/// <summary>A store that keeps media only once opened (so a test holds writes in flight), counting writes; can fail the next one.</summary>
internal sealed class GatedMediaStore : IPayloadStore, IMediaStore
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _writes;

    public bool FailNext { get; set; }

    public int Writes => Volatile.Read(ref _writes);

    public string Description => "gated media";

    public void Open() => _gate.TrySetResult();

    public string GetKey(string tenantId, string traceId, string spanId) => PayloadKeys.ForPayload(string.Empty, tenantId, traceId, spanId);

    public Task WriteAsync(PayloadObject payload, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredPayload>>([]);

    public Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken) =>
        Task.FromResult<StoredPayload?>(null);

    public string GetMediaUri(string tenantId, string sha256) => "mem://" + sha256;

    public async Task WriteMediaAsync(MediaObject media, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        await _gate.Task.WaitAsync(cancellationToken);
        if (FailNext)
        {
            FailNext = false;
            throw new IOException("disk full");
        }
    }

    public Task<StoredPayload?> ReadMediaAsync(string tenantId, string sha256, CancellationToken cancellationToken) =>
        Task.FromResult<StoredPayload?>(null);
}
