using Amazon.Runtime;
using Amazon.S3;
using LlmIngest.Diagnostics;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using LlmIngest.Storage.Spool;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmIngest.Benchmarks.Hosting;

/// <summary>
/// A payload store that does everything the S3 store does before the network — gzip, metadata, tags
/// (<see cref="S3PayloadStore.Prepare"/>) — and then discards the upload: storage excluded, compression included.
/// </summary>
internal sealed class CompressingNullPayloadStore : IPayloadStore, IDisposable
{
    private readonly S3PayloadStore _s3;
    private readonly AmazonS3Client _client;
    private long _bodyBytes;
    private long _count;

    public CompressingNullPayloadStore(string spoolDirectory, StorageMetrics metrics)
    {
        var storage = new StorageOptions
        {
            Kind = PayloadStoreKind.S3,
            S3 = { Bucket = "bench", ServiceUrl = "http://127.0.0.1:1" },
            Spool = { Directory = spoolDirectory },
        };

        // Never called: the store is only used for Prepare.
        _client = new AmazonS3Client(new BasicAWSCredentials("bench", "bench"), new AmazonS3Config { ServiceURL = "http://127.0.0.1:1", ForcePathStyle = true });
        _s3 = new S3PayloadStore(_client, storage, new PayloadSpool(storage.Spool, TimeProvider.System), metrics, TimeProvider.System, NullLogger<S3PayloadStore>.Instance);
    }

    public string Description => "gzip, then discarded";

    /// <summary>Compressed bytes produced so far.</summary>
    public long BodyBytes => Interlocked.Read(ref _bodyBytes);

    /// <summary>Payloads prepared so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    public string GetKey(string tenantId, string traceId, string spanId) => _s3.GetKey(tenantId, traceId, spanId);

    public Task WriteAsync(PayloadObject payload, CancellationToken cancellationToken)
    {
        var upload = _s3.Prepare(payload);
        Interlocked.Add(ref _bodyBytes, upload.Body.Length);
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredPayload>>([]);

    public Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken) =>
        Task.FromResult<StoredPayload?>(null);

    public void Dispose()
    {
        _s3.Dispose();
        _client.Dispose();
    }
}
