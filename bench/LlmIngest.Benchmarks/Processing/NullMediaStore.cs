using LlmIngest.Storage;

namespace LlmIngest.Benchmarks.Processing;

/// <summary>A payload store that keeps media and discards everything: the offload's CPU cost without I/O.</summary>
internal sealed class NullMediaStore : IPayloadStore, IMediaStore
{
    public string Description => "null";

    public string GetKey(string tenantId, string traceId, string spanId) => PayloadKeys.ForPayload(string.Empty, tenantId, traceId, spanId);

    public Task WriteAsync(PayloadObject payload, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredPayload>>([]);

    public Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken) =>
        Task.FromResult<StoredPayload?>(null);

    public string GetMediaUri(string tenantId, string sha256) => "s3://bench/" + MediaKeys.ForMedia("traces", tenantId, sha256);

    public Task WriteMediaAsync(MediaObject media, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<StoredPayload?> ReadMediaAsync(string tenantId, string sha256, CancellationToken cancellationToken) =>
        Task.FromResult<StoredPayload?>(null);
}
