using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using LlmIngest.Hosting;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;

namespace LlmIngest.IntegrationTests.Storage;

/// <summary>What lands in the bucket: object format, retention tags and lifecycle rules, large payloads, tenant isolation.</summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class ObjectFormatIntegrationTests(S3ServerFixture s3) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Retention_RulesAppliedOnStart_ReadBackFromTheServerEqualToTheConfiguredClasses_AndKeepForeignRules()
    {
        await using var bucket = await s3.CreateBucketAsync("lifecycle");
        var foreign = new LifecycleRule
        {
            Id = "team-logs-expire",
            Status = LifecycleRuleStatus.Enabled,
            Filter = new LifecycleFilter { Prefix = "logs/" },
            Expiration = new LifecycleRuleExpiration { Days = 3 },
        };
        await s3.Client.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest { BucketName = bucket.Name, Configuration = new LifecycleConfiguration { Rules = [foreign] } });

        await using var host = CreateHost(bucket.Name, o =>
        {
            o.Storage.Retention.ApplyOnStart = true;
            o.Storage.Retention.Classes = new() { ["default"] = 30, ["errors"] = 90, ["index"] = 90, ["media"] = 30, ["audit"] = 365 };
            o.Storage.Retention.AbortIncompleteMultipartUploadDays = 2;
        });
        await host.StartAsync();
        var retention = host.Options.Storage.Retention;
        List<LifecycleRule> rules = [];
        await Poll.UntilAsync(
            async () =>
            {
                rules = await RetentionRules.ReadAsync(s3.Client, bucket.Name, CancellationToken.None);
                return RetentionRules.Differences(rules, retention, "traces").Count == 0;
            },
            TimeSpan.FromSeconds(30));

        await host.StopAsync();
        Assert.Empty(RetentionRules.Differences(rules, retention, "traces"));
        Assert.Equal(
            ["llmingest-abort-incomplete-multipart", "llmingest-expire-audit", "llmingest-expire-default", "llmingest-expire-errors", "llmingest-expire-index", "llmingest-expire-media", "team-logs-expire"],
            rules.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal("prefix= tags=llmingest-retention=audit expire_days=365 abort_days=", RetentionRules.Describe(rules.Single(r => r.Id == "llmingest-expire-audit")));
        Assert.Equal("prefix=traces/ tags= expire_days= abort_days=2", RetentionRules.Describe(rules.Single(r => r.Id == "llmingest-abort-incomplete-multipart")));
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Message.Contains("applied 6 lifecycle rule(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Objects_CarryTheirRetentionTagMetadataAndContentEncoding()
    {
        await using var bucket = await s3.CreateBucketAsync("format");
        await using var host = CreateHost(bucket.Name);
        await host.StartAsync();
        var ok = new LlmTrace { Model = "gpt-4o", SessionId = "s-1", Messages = [new("user", "hello")], Response = "hi" };
        var failed = new LlmTrace { Model = "gpt-4o", SessionId = "s-1", Messages = [new("user", "hello")], Error = "429", ErrorType = "rate_limit" };
        host.Recorder.Record(ok);
        host.Recorder.Record(failed);
        await host.Recorder.FlushAsync();
        await host.StopAsync();

        var lines = PreviewLogLine.ReadFolder(_folder.Path).ToDictionary(l => l.TraceId, StringComparer.Ordinal);
        foreach (var (trace, retentionClass) in new[] { (ok, "default"), (failed, "errors") })
        {
            var line = lines[trace.TraceId!];
            var head = await s3.Client.GetObjectMetadataAsync(bucket.Name, line.PayloadKey);
            Assert.Equal("gzip", head.Headers.ContentEncoding);
            Assert.StartsWith("application/json", head.Headers.ContentType, StringComparison.Ordinal);
            Assert.Equal(line.PayloadSha256, head.Metadata["sha256"]);
            Assert.Equal(trace.TraceId, head.Metadata["trace-id"]);
            Assert.Equal(trace.SpanId, head.Metadata["span-id"]);
            Assert.Equal("s-1", head.Metadata["session-id"]);
            Assert.Equal("gpt-4o", head.Metadata["model"]);
            Assert.Equal("1", head.Metadata["schema-version"]);
            var tags = await s3.Client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket.Name, Key = line.PayloadKey });
            var tag = Assert.Single(tags.Tagging);
            Assert.Equal(("llmingest-retention", retentionClass), (tag.Key, tag.Value));

            // The raw object is gzip of exactly the bytes whose SHA-256 the JSONL line holds.
            using var raw = await s3.Client.GetObjectAsync(bucket.Name, line.PayloadKey);
            await using var gzip = new System.IO.Compression.GZipStream(raw.ResponseStream, System.IO.Compression.CompressionMode.Decompress);
            using var body = new MemoryStream();
            await gzip.CopyToAsync(body);
            Assert.Equal(line.PayloadSha256, Convert.ToHexStringLower(SHA256.HashData(body.ToArray())));
        }
    }

    [Fact]
    public async Task LargePayload_Of50MegabytesRoundTripsByteExact_ThroughAMultipartUpload()
    {
        await using var bucket = await s3.CreateBucketAsync("large");
        await using var host = CreateHost(bucket.Name, o => o.Storage.MaxPayloadBytes = 64 * 1024 * 1024); // above the 32 MiB cap
        await host.StartAsync();

        // Pseudo-random text compresses only ~25%, so the stored object stays well above the multipart threshold.
        var random = new Random(50);
        var text = new StringBuilder(50 * 1024 * 1024);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,."; // no digits: nothing for the detectors to redact
        while (text.Length < 50 * 1024 * 1024)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        var trace = new LlmTrace { Model = "gpt-4o", Messages = [new("user", text.ToString())], Response = "done" };
        Assert.True(host.Recorder.Record(trace));
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(3));
        await host.StopAsync();

        var line = Assert.Single(PreviewLogLine.ReadFolder(_folder.Path));
        Assert.True(line.PayloadStored);
        Assert.True(line.PayloadBytes > 50 * 1024 * 1024);
        var head = await s3.Client.GetObjectMetadataAsync(bucket.Name, line.PayloadKey);
        Assert.True(head.ContentLength > host.Options.Storage.S3.MultipartThresholdBytes, $"stored {head.ContentLength} bytes");
        Assert.Contains("-", head.ETag, StringComparison.Ordinal); // a multipart ETag: "<md5>-<parts>"

        var payload = await host.Store.ReadAsync(trace.TenantId!, trace.TraceId!, trace.SpanId!, CancellationToken.None);
        Assert.NotNull(payload);
        Assert.Equal(line.PayloadSha256, payload.Sha256);
        Assert.True(payload.IsIntact);
        Assert.Equal(text.ToString(), payload.Trace.Messages![0].Content);
        Assert.Equal(0, (await s3.Client.ListMultipartUploadsAsync(bucket.Name)).MultipartUploads?.Count ?? 0);
    }

    [Fact]
    public async Task TenantIsolation_AReaderForTenantACannotReadOrListTenantBsTrace_EvenGivenItsTraceId()
    {
        await using var bucket = await s3.CreateBucketAsync("tenants");
        await using var writer = CreateHost(bucket.Name);
        await writer.StartAsync();
        var a = new LlmTrace { TenantId = "tenant-a", Model = "m", Response = "for a" };
        var b = new LlmTrace { TenantId = "tenant-b", Model = "m", Response = "for b" };
        writer.Recorder.Record(a);
        writer.Recorder.Record(b);
        await writer.Recorder.FlushAsync();
        await writer.StopAsync();

        await using var readerForA = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, bucket.Name);
            o.Log.Directory = _folder.Combine("reader");
            o.Storage.ReadTenant = "tenant-a";
        });
        var store = readerForA.Store;

        Assert.Single(await store.ReadTraceAsync("tenant-a", a.TraceId!, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => store.ReadTraceAsync("tenant-b", b.TraceId!, CancellationToken.None));
        Assert.Contains("configured for tenant 'tenant-a'", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => store.ReadAsync("tenant-b", b.TraceId!, b.SpanId!, CancellationToken.None));

        // B's trace id under A's prefix finds nothing, and no id can climb out of the prefix.
        Assert.Empty(await store.ReadTraceAsync("tenant-a", b.TraceId!, CancellationToken.None));
        Assert.Null(await store.ReadAsync("tenant-a", b.TraceId!, b.SpanId!, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadTraceAsync("tenant-a", "../tenant-b/" + b.TraceId, CancellationToken.None));
    }

    // The S3 store on this test's bucket, the JSONL log in this test's folder, and whatever else a test adds.
    private IngestTestHost CreateHost(string bucket, Action<LlmTraceIngestOptions>? configure = null) => IngestTestHost.Create(o =>
    {
        s3.ConfigureS3Storage(o.Storage, bucket);
        o.Log.Directory = _folder.Path;
        configure?.Invoke(o);
    });
}
