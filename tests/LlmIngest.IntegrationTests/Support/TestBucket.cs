using Amazon.S3;
using Amazon.S3.Model;
using LlmIngest.Storage;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>
/// A bucket of one test's own. Disposing it deletes every object and then the bucket: the Ceph memstore OSD
/// keeps objects in RAM.
/// </summary>
public sealed class TestBucket : IAsyncDisposable
{
    private readonly IAmazonS3 _s3;

    private TestBucket(IAmazonS3 s3, string name)
    {
        _s3 = s3;
        Name = name;
    }

    public string Name { get; }

    /// <summary>A valid, unused bucket name: lowercase, at most 63 characters.</summary>
    public static string UniqueName(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var cleaned = new string([.. purpose.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')]);
        cleaned = cleaned.Length > 30 ? cleaned[..30] : cleaned;
        return $"llmingest-it-{cleaned}-{Guid.NewGuid().ToString("N")[..12]}";
    }

    public static async Task<TestBucket> CreateAsync(IAmazonS3 s3, string name)
    {
        ArgumentNullException.ThrowIfNull(s3);
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return new TestBucket(s3, name);
    }

    /// <summary>Every key under <paramref name="prefix"/>, following continuation tokens.</summary>
    public async Task<List<string>> ListKeysAsync(string prefix = "", int? pageSize = null)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Name, Prefix = prefix, MaxKeys = pageSize };
        ListObjectsV2Response response;
        do
        {
            response = await _s3.ListObjectsV2Async(request);
            foreach (var entry in response.S3Objects ?? [])
            {
                keys.Add(entry.Key);
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return keys;
    }

    /// <summary>
    /// Every payload key under <paramref name="prefix"/>: what <see cref="ListKeysAsync"/> lists, without the shipped
    /// index segments under <c>_index/</c> (which a host with a file log and S3 writes next to the payloads).
    /// </summary>
    public async Task<List<string>> ListPayloadKeysAsync(string prefix = "", int? pageSize = null) =>
        (await ListKeysAsync(prefix, pageSize)).Where(k => !IndexKeys.IsUnderIndex(k)).ToList();

    /// <summary>Every index segment key in the bucket (under <c>_index/</c>; not the summaries under <c>_index_ids/</c>).</summary>
    public async Task<List<string>> ListIndexKeysAsync() =>
        (await ListKeysAsync()).Where(k => IndexKeys.IsUnderIndex(k) && !IndexKeys.IsSummaryKey(k)).ToList();

    /// <summary>Every index segment summary key in the bucket (under <c>_index_ids/</c>).</summary>
    public async Task<List<string>> ListIndexSummaryKeysAsync() =>
        (await ListKeysAsync()).Where(IndexKeys.IsSummaryKey).ToList();

    public async ValueTask DisposeAsync()
    {
        var keys = await ListKeysAsync();
        foreach (var chunk in keys.Chunk(1000))
        {
            var request = new DeleteObjectsRequest { BucketName = Name, Quiet = true };
            foreach (var key in chunk)
            {
                request.AddKey(key);
            }

            var response = await _s3.DeleteObjectsAsync(request);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                throw new InvalidOperationException($"Could not delete {errors.Count} object(s) of test bucket {Name}, e.g. {errors[0].Key}: {errors[0].Code}.");
            }
        }

        await _s3.DeleteBucketAsync(Name);
    }
}
