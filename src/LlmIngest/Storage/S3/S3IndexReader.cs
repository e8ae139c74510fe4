using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace LlmIngest.Storage.S3;

/// <summary>
/// Reads the fleet index from the bucket: the tenants that have one, the segments of the partitions a time range
/// overlaps (see <see cref="IndexPartitions"/>), a segment decompressed and pinned to its listed ETag, and a segment's summary.
/// </summary>
internal sealed class S3IndexReader(IAmazonS3 s3, StorageOptions storage, TimeProvider time)
{
    private const int ListConcurrency = 8;

    private readonly string _bucket = storage.S3.Bucket ?? throw new ArgumentException("LlmIngest:Storage:S3:Bucket is required.", nameof(storage));

    public async Task<IReadOnlyList<string>> ListTenantsAsync(CancellationToken cancellationToken)
    {
        var root = IndexKeys.Root(storage.S3.Prefix);
        var tenants = new List<string>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = root + "tenant=", Delimiter = "/" };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var common in response.CommonPrefixes ?? [])
            {
                var tenant = common[(root.Length + "tenant=".Length)..].TrimEnd('/');
                if (LlmTracePayloadReader.IsValidTenantId(tenant) && (storage.ReadTenant is null || string.Equals(storage.ReadTenant, tenant, StringComparison.Ordinal)))
                {
                    tenants.Add(tenant);
                }
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        tenants.Sort(StringComparer.Ordinal);
        return tenants;
    }

    public async Task<IReadOnlyList<LlmTraceIndexSegment>> ListSegmentsAsync(string? tenantId, DateTimeOffset? since, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> tenants;
        if (tenantId is not null)
        {
            TenantScope.EnsureReadable(storage.ReadTenant, tenantId);
            tenants = [tenantId];
        }
        else
        {
            tenants = await ListTenantsAsync(cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var prefixes = new List<string>();
        foreach (var tenant in tenants)
        {
            prefixes.AddRange(IndexPartitions.Prefixes(storage.S3.Prefix, tenant, since, until, now));
        }

        var found = new ConcurrentBag<LlmTraceIndexSegment>();
        await Parallel.ForEachAsync(
            prefixes,
            new ParallelOptions { MaxDegreeOfParallelism = ListConcurrency, CancellationToken = cancellationToken },
            async (prefix, ct) =>
            {
                var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix };
                ListObjectsV2Response response;
                do
                {
                    response = await s3.ListObjectsV2Async(request, ct).ConfigureAwait(false);
                    foreach (var entry in response.S3Objects ?? [])
                    {
                        if (IndexKeys.TryParse(storage.S3.Prefix, entry.Key, out var key) && IndexPartitions.Overlaps(key.HourUtc, since, until))
                        {
                            found.Add(new LlmTraceIndexSegment(
                                entry.Key,
                                key.TenantId,
                                new DateTimeOffset(key.HourUtc),
                                key.Instance,
                                key.Sequence,
                                entry.Size ?? 0,
                                entry.ETag ?? string.Empty,
                                entry.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime()) : default));
                        }
                    }

                    request.ContinuationToken = response.NextContinuationToken;
                }
                while (response.IsTruncated == true);
            }).ConfigureAwait(false);

        var segments = found.ToList();
        segments.Sort(static (a, b) =>
        {
            var order = a.Hour.CompareTo(b.Hour);
            order = order != 0 ? order : string.CompareOrdinal(a.TenantId, b.TenantId);
            order = order != 0 ? order : string.CompareOrdinal(a.Instance, b.Instance);
            return order != 0 ? order : a.Sequence.CompareTo(b.Sequence);
        });
        return segments;
    }

    /// <summary>The segment's JSONL, decompressed; fails with a 412 when the object no longer has the listed ETag.</summary>
    public async Task<Stream> OpenSegmentAsync(LlmTraceIndexSegment segment, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = _bucket, Key = segment.Key };
        if (segment.ETag.Length > 0)
        {
            request.EtagToMatch = segment.ETag;
        }

        var response = await s3.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
        return new GZipStream(response.ResponseStream, CompressionMode.Decompress, leaveOpen: false);
    }

    /// <summary>The bytes of the segment's summary, or null when the segment has none (then it may match anything).</summary>
    public async Task<byte[]?> ReadSummaryAsync(LlmTraceIndexSegment segment, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(_bucket, IndexKeys.ForSummary(segment.Key), cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)Math.Min(response.ContentLength, int.MaxValue / 2) : 4096);
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
