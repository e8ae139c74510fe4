namespace LlmIngest.Tests.Telemetry;

/// <summary>A payload store whose every write fails with an <see cref="IOException"/>.</summary>
internal sealed class FailingPayloadStore : IPayloadStore
{
    public string Description => "failing";

    public string GetKey(string tenantId, string traceId, string spanId) => $"{tenantId}/{traceId}/{spanId}.json";

    public Task WriteAsync(PayloadObject payload, CancellationToken cancellationToken) => throw new IOException("disk on fire");

    public Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredPayload>>([]);

    public Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken) =>
        Task.FromResult<StoredPayload?>(null);
}
