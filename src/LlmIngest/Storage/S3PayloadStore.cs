using System.Net;
using System.Runtime.InteropServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace LlmIngest.Storage;

/// <summary>
/// Stores payloads in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW) under
/// <c>{prefix}/{tenant}/{trace_id}/{span_id}.json</c>, with the ids and the body's SHA-256 as user metadata.
/// </summary>
internal sealed class S3PayloadStore : IPayloadStore, IDisposable
{
    private const int ReadConcurrency = 8;
    private const int MaxMetadataValueLength = 256;

    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly bool _ownsClient;

    public S3PayloadStore(IAmazonS3 s3, S3StorageOptions options, bool ownsClient = false)
    {
        _s3 = s3;
        _ownsClient = ownsClient;
        _bucket = options.Bucket ?? throw new ArgumentException("LlmIngest:Storage:S3:Bucket is required.", nameof(options));
        _prefix = options.Prefix;
        Description = $"s3://{_bucket}/{_prefix.Trim('/')}" + (string.IsNullOrEmpty(options.ServiceUrl) ? string.Empty : $" at {options.ServiceUrl}");
    }

    public string Description { get; }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _s3.Dispose();
        }
    }

    public string GetKey(string tenantId, string traceId, string spanId) => PayloadKeys.ForPayload(_prefix, tenantId, traceId, spanId);

    public async Task WriteAsync(PayloadObject payload, CancellationToken cancellationToken)
    {
        using var body = MemoryMarshal.TryGetArray(payload.Content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(payload.Content.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = payload.Key,
            InputStream = body,
            ContentType = "application/json; charset=utf-8",
            AutoCloseStream = false,
        };
        request.Metadata.Add("trace-id", payload.TraceId);
        request.Metadata.Add("span-id", payload.SpanId);
        request.Metadata.Add("tenant-id", payload.TenantId);
        request.Metadata.Add("step", payload.Step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Metadata.Add("sha256", payload.Sha256);
        request.Metadata.Add("schema-version", "1");
        AddEscaped(request, "session-id", payload.SessionId);
        AddEscaped(request, "model", payload.Model);
        await _s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken)
    {
        var prefix = PayloadKeys.ForTrace(_prefix, tenantId, traceId);
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await _s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var entry in response.S3Objects ?? [])
            {
                if (entry.Key.EndsWith(PayloadKeys.Extension, StringComparison.Ordinal))
                {
                    keys.Add(entry.Key);
                }
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        var payloads = new StoredPayload?[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => payloads[i] = await GetAsync(keys[i], ct).ConfigureAwait(false)).ConfigureAwait(false);

        var found = new List<StoredPayload>(keys.Count);
        foreach (var payload in payloads)
        {
            if (payload is not null)
            {
                found.Add(payload);
            }
        }

        return PayloadOrder.ByStep(found);
    }

    public Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken) =>
        GetAsync(GetKey(tenantId, traceId, spanId), cancellationToken);

    private static void AddEscaped(PutObjectRequest request, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        // Metadata travels as HTTP headers (ASCII only) and S3 caps all of it at 2 KB: a long value is left out,
        // since the payload itself holds it.
        var escaped = Uri.EscapeDataString(value);
        if (escaped.Length <= MaxMetadataValueLength)
        {
            request.Metadata.Add(name, escaped);
        }
    }

    private async Task<StoredPayload?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _s3.GetObjectAsync(_bucket, key, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)Math.Min(response.ContentLength, int.MaxValue) : 4096);
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return new StoredPayload(key, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
