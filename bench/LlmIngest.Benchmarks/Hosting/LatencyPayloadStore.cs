using LlmIngest.Diagnostics;
using LlmIngest.Storage;

namespace LlmIngest.Benchmarks.Hosting;

/// <summary>
/// A payload store whose every upload prepares the request as the S3 store does (gzip, metadata) and then takes a fixed
/// time, as a network round trip would: a stand-in for S3 with a steady latency, to measure how the worker schedules
/// uploads around its own CPU work, which a shared real server's ±20% drift hides.
/// </summary>
internal sealed class LatencyPayloadStore(string spoolDirectory, StorageMetrics metrics, TimeSpan latency) : IPayloadStore, IDisposable
{
    private readonly CompressingNullPayloadStore _prepare = new(spoolDirectory, metrics);

    public string Description => $"gzip, then {latency.TotalMilliseconds} ms";

    public string GetKey(string tenantId, string traceId, string spanId) => _prepare.GetKey(tenantId, traceId, spanId);

    public async Task WriteAsync(PayloadObject payload, CancellationToken cancellationToken)
    {
        await _prepare.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
        await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken) =>
        _prepare.ReadTraceAsync(tenantId, traceId, cancellationToken);

    public Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken) =>
        _prepare.ReadAsync(tenantId, traceId, spanId, cancellationToken);

    public void Dispose() => _prepare.Dispose();
}
