using System.IO.Compression;
using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.Storage;

namespace LlmIngest.IntegrationTests.Storage;

/// <summary><see cref="LlmTracePayloadReader"/>'s fleet index API against the real server, on segments the test uploads.</summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class FleetIndexReaderIntegrationTests(S3ServerFixture s3) : IAsyncLifetime
{
    private const string Prefix = "traces";
    private TestBucket? _bucket;

    private TestBucket Bucket => _bucket!;

    public async Task InitializeAsync() => _bucket = await s3.CreateBucketAsync("fleet-reader");

    public async Task DisposeAsync()
    {
        if (_bucket is not null)
        {
            await _bucket.DisposeAsync();
        }
    }

    [Fact]
    public async Task ListsTenantsAndPrunedSegments_OpensThemDecompressed_AndRefusesAChangedObject()
    {
        var late = new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc);
        var early = new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);
        var old = new DateTime(2026, 11, 20, 5, 0, 0, DateTimeKind.Utc);
        var keys = new[]
        {
            await PutAsync("acme", late, "pod-a", 0, "a-late-0"),
            await PutAsync("acme", late, "pod-a", 1, "a-late-1"),
            await PutAsync("acme", early, "pod-b", 0, "a-early"),
            await PutAsync("acme", old, "pod-a", 0, "a-old"),
            await PutAsync("beta", early, "pod-c", 0, "b-early"),
        };

        // Not segments: a summary, a payload and a stray file are never listed.
        await s3.Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket.Name, Key = IndexKeys.ForSummary(keys[0]), ContentBody = "x" });
        await s3.Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket.Name, Key = $"{Prefix}/acme/0123/abc.json", ContentBody = "{}" });
        await s3.Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket.Name, Key = $"{Prefix}/_index/tenant=acme/dt=2026-12-01/hour=23/notes.txt", ContentBody = "x" });

        using var reader = new LlmTracePayloadReader(Storage());
        Assert.True(reader.HasFleetIndex);
        Assert.Equal(["acme", "beta"], await reader.ListTenantsAsync());

        var all = await reader.ListIndexSegmentsAsync(null, null, null);
        Assert.Equal([keys[3], keys[0], keys[1], keys[2], keys[4]], all.Select(s => s.Key));

        // Across midnight: 23:30 to 00:30 lists the two hours of both days, not the old day.
        var window = await reader.ListIndexSegmentsAsync(null, new DateTimeOffset(late.AddMinutes(30)), new DateTimeOffset(early.AddMinutes(30)));
        Assert.Equal([keys[0], keys[1], keys[2], keys[4]], window.Select(s => s.Key));
        var acmeEarly = Assert.Single(await reader.ListIndexSegmentsAsync("acme", new DateTimeOffset(early), null));
        Assert.Equal(("acme", new DateTimeOffset(early), "pod-b", 0L), (acmeEarly.TenantId, acmeEarly.Hour, acmeEarly.Instance, acmeEarly.Sequence));
        Assert.True(acmeEarly.Size > 0 && acmeEarly.ETag.Length > 0);

        var first = all[1];
        using (var stream = new StreamReader(await reader.OpenIndexSegmentAsync(first)))
        {
            Assert.Equal(Line("a-late-0") + "\n", await stream.ReadToEndAsync());
        }

        // The object changed since it was listed: the read is refused rather than mixing two versions.
        await PutAsync("acme", late, "pod-a", 0, "a-late-0-rewritten");
        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => reader.OpenIndexSegmentAsync(first));
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
    }

    [Fact]
    public void A_local_folder_store_has_no_fleet_index()
    {
        using var reader = new LlmTracePayloadReader(new StorageOptions { Kind = PayloadStoreKind.Local });
        Assert.False(reader.HasFleetIndex);
        Assert.Throws<NotSupportedException>(() => { _ = reader.ListTenantsAsync(); });
    }

    private StorageOptions Storage()
    {
        var storage = new StorageOptions();
        s3.ConfigureS3Storage(storage, Bucket.Name);
        storage.S3.Prefix = Prefix;
        return storage;
    }

    private static string Line(string id) => $$"""{"trace_id":"{{id}}","span_id":"s","tenant_id":"t","timestamp":"2026-12-01T23:00:00.000Z","payload_sha256":""}""";

    private async Task<string> PutAsync(string tenant, DateTime hour, string instance, long sequence, string id)
    {
        var key = IndexKeys.ForSegment(Prefix, tenant, hour, instance, sequence);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Line(id) + "\n"));
        }

        buffer.Position = 0;
        await s3.Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket.Name, Key = key, InputStream = buffer, ContentType = "application/gzip" });
        return key;
    }
}
