using System.IO.Compression;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace LlmIngest.Storage.S3;

/// <summary>
/// Reads payloads from the bucket: one object by its ids, every object of a trace (one prefix listing, followed page by
/// page), gzip bodies decompressed and the recorded SHA-256 kept for checking. Needs no spool.
/// </summary>
internal sealed class S3PayloadReader(IAmazonS3 s3, StorageOptions storage) : IPayloadReader
{
    private const int ReadConcurrency = 8;

    private readonly string _bucket = storage.S3.Bucket ?? throw new ArgumentException("LlmIngest:Storage:S3:Bucket is required.", nameof(storage));

    public string Description { get; } = $"s3://{storage.S3.Bucket}/{storage.S3.Prefix.Trim('/')}" + (string.IsNullOrEmpty(storage.S3.ServiceUrl) ? string.Empty : $" at {storage.S3.ServiceUrl}");

    public bool RecordsSha256 => true;

    public string GetKey(string tenantId, string traceId, string spanId) => PayloadKeys.ForPayload(storage.S3.Prefix, tenantId, traceId, spanId);

    public Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken)
    {
        TenantScope.EnsureReadable(storage.ReadTenant, tenantId);
        return GetAsync(GetKey(tenantId, traceId, spanId), cancellationToken);
    }

    public Task<StoredPayload?> ReadMediaAsync(string tenantId, string sha256, CancellationToken cancellationToken)
    {
        TenantScope.EnsureReadable(storage.ReadTenant, tenantId);
        return GetAsync(MediaKeys.ForMedia(storage.S3.Prefix, tenantId, sha256), cancellationToken);
    }

    /// <summary>The <c>s3://bucket/key</c> URI of a media object.</summary>
    public string GetMediaUri(string tenantId, string sha256) => $"s3://{_bucket}/{MediaKeys.ForMedia(storage.S3.Prefix, tenantId, sha256)}";

    public async Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken)
    {
        var keys = await ListKeysAsync(tenantId, traceId, cancellationToken).ConfigureAwait(false);
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

    public async Task<IReadOnlyList<string>> ListSpanIdsAsync(string tenantId, string traceId, CancellationToken cancellationToken)
    {
        var prefix = PayloadKeys.ForTrace(storage.S3.Prefix, tenantId, traceId);
        var keys = await ListKeysAsync(tenantId, traceId, cancellationToken).ConfigureAwait(false);
        var spans = new List<string>(keys.Count);
        foreach (var key in keys)
        {
            spans.Add(key[prefix.Length..^PayloadKeys.Extension.Length]);
        }

        return spans;
    }

    /// <summary>The keys of every payload object of a trace, from one listing followed page by page.</summary>
    public async Task<List<string>> ListKeysAsync(string tenantId, string traceId, CancellationToken cancellationToken)
    {
        TenantScope.EnsureReadable(storage.ReadTenant, tenantId);
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = PayloadKeys.ForTrace(storage.S3.Prefix, tenantId, traceId) };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
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
        return keys;
    }

    /// <summary>A presigned, time-limited GET URL of one object.</summary>
    public async Task<Uri> PresignAsync(string key, DateTime expiresUtc)
    {
        // The SDK builds https URLs unless told otherwise; a plain-HTTP endpoint (MinIO, Ceph on loopback) needs http.
        var plainHttp = storage.S3.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true;
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expiresUtc,
            Protocol = plainHttp ? Protocol.HTTP : Protocol.HTTPS,
        }).ConfigureAwait(false);
        return new Uri(url);
    }

    private async Task<StoredPayload?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(_bucket, key, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)Math.Min(response.ContentLength * 4, int.MaxValue / 2) : 4096);
            if (string.Equals(response.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
            {
                await using var gzip = new GZipStream(response.ResponseStream, CompressionMode.Decompress);
                await gzip.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            var expected = response.Metadata["sha256"];
            return new StoredPayload(key, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), string.IsNullOrEmpty(expected) ? null : expected);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
