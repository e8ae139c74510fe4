using LlmIngest.Storage;

namespace LlmIngest.Tests.Support;

/// <summary>
/// A store whose writes wait until <see cref="Release"/> is called, then go to <paramref name="inner"/> (if any):
/// the worker stalls on it, so the queue fills up behind it.
/// </summary>
internal sealed class GatedPayloadStore(IPayloadStore? inner = null) : IPayloadStore
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _writes;

    public string Description => "gated";

    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Completes when the worker has reached the store for the first time.</summary>
    public Task FirstWriteStarted => _firstWrite.Task;

    public void Release() => _gate.TrySetResult();

    public string GetKey(string tenantId, string traceId, string spanId) =>
        inner?.GetKey(tenantId, traceId, spanId) ?? $"{tenantId}/{traceId}/{spanId}.json";

    public async Task WriteAsync(PayloadObject payload, CancellationToken cancellationToken)
    {
        _firstWrite.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        if (inner is not null)
        {
            await inner.WriteAsync(payload, cancellationToken);
        }

        Interlocked.Increment(ref _writes);
    }

    public Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken) =>
        inner?.ReadTraceAsync(tenantId, traceId, cancellationToken) ?? Task.FromResult<IReadOnlyList<StoredPayload>>([]);

    public Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken) =>
        inner?.ReadAsync(tenantId, traceId, spanId, cancellationToken) ?? Task.FromResult<StoredPayload?>(null);
}
