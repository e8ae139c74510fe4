using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.Storage;

namespace LlmIngest.IntegrationTests.Storage;

/// <summary>The JSONL index in the bucket: what a host ships at stop, read back with AWSSDK exactly as Athena or DuckDB would.</summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class IndexShippingIntegrationTests(S3ServerFixture s3) : IDisposable
{
    private const int ShipStoppedEventId = 209;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Stop_ShipsEveryLocalLine_OneGzipSegmentPerTenantAndHour_AndASecondRunShipsNothingNew()
    {
        await using var bucket = await s3.CreateBucketAsync("index");
        await using (var host = CreateHost(bucket.Name))
        {
            await host.StartAsync();
            for (var i = 0; i < 60; i++)
            {
                Assert.True(host.Recorder.Record(new LlmTrace
                {
                    Model = "gpt-4o-mini",
                    TenantId = i % 3 == 0 ? "globex" : "acme",
                    Messages = [new LlmMessage("user", $"question {i}")],
                    Response = $"answer {i}",
                    PromptTokens = 10,
                    CompletionTokens = 2,
                }));
            }

            await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
            await host.StopAsync();
            Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == ShipStoppedEventId);
            Assert.True(host.Metric("llmingest.index.segments_shipped") >= 2);
            Assert.Equal(60, host.Metric("llmingest.index.lines_shipped"));
        }

        var localLines = Directory.GetFiles(_folder.Combine("logs"), "*.jsonl").SelectMany(File.ReadAllLines).ToList();
        Assert.Equal(60, localLines.Count);
        var keys = await bucket.ListIndexKeysAsync();
        Assert.Contains(keys, k => k.Contains("/tenant=acme/", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.Contains("/tenant=globex/", StringComparison.Ordinal));

        var shippedLines = new List<string>();
        foreach (var key in keys)
        {
            Assert.True(IndexKeys.TryParse("traces", key, out var segment), key);
            Assert.Equal("it-host-1", segment.Instance);
            using var response = await s3.Client.GetObjectAsync(bucket.Name, key);
            Assert.Equal("application/gzip", response.Headers.ContentType);
            Assert.True(string.IsNullOrEmpty(response.Headers.ContentEncoding), $"{key} has Content-Encoding '{response.Headers.ContentEncoding}'");
            using var body = new MemoryStream();
            await response.ResponseStream.CopyToAsync(body);
            var uncompressed = Gunzip(body.ToArray());
            var lines = Encoding.UTF8.GetString(uncompressed).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(uncompressed)), response.Metadata["sha256"]);
            Assert.Equal(lines.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Metadata["lines"]);
            Assert.Equal(segment.TenantId, response.Metadata["tenant-id"]);
            Assert.Equal("it-host-1", response.Metadata["instance"]);
            Assert.All(lines, l => Assert.Contains($"\"tenant_id\":\"{segment.TenantId}\"", l, StringComparison.Ordinal));
            var tags = await s3.Client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket.Name, Key = key });
            Assert.Contains(tags.Tagging, t => t.Key == "llmingest-retention" && t.Value == "index");
            shippedLines.AddRange(lines);

            // Its summary beside it, under _index_ids/: it admits every trace id of the segment's lines.
            using var summaryResponse = await s3.Client.GetObjectAsync(bucket.Name, IndexKeys.ForSummary(key));
            using var summaryBody = new MemoryStream();
            await summaryResponse.ResponseStream.CopyToAsync(summaryBody);
            Assert.True(LlmTraceIndexSummary.TryParse(summaryBody.ToArray(), out var summary), $"the summary of {key} does not parse");
            Assert.Equal(lines.Length, summary.Lines);
            Assert.All(lines, l => Assert.True(summary.MightContainTrace(System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("trace_id").GetString()!)));
            var summaryTags = await s3.Client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket.Name, Key = IndexKeys.ForSummary(key) });
            Assert.Contains(summaryTags.Tagging, t => t.Key == "llmingest-retention" && t.Value == "index");
        }

        Assert.Equal(keys.Select(IndexKeys.ForSummary).Order(StringComparer.Ordinal), (await bucket.ListIndexSummaryKeysAsync()).Order(StringComparer.Ordinal));

        Assert.Equal(localLines.Order(StringComparer.Ordinal), shippedLines.Order(StringComparer.Ordinal));

        // A second host on the same directory: the cursor says everything is shipped.
        await using (var again = CreateHost(bucket.Name))
        {
            await again.StartAsync();
            await again.StopAsync();
            Assert.Equal(0, again.Metric("llmingest.index.segments_shipped"));
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), (await bucket.ListIndexKeysAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(60, (await bucket.ListPayloadKeysAsync()).Count);
    }

    [Fact]
    public async Task StdoutLog_ShipsNothing_ThePayloadsStillGoToTheBucket()
    {
        await using var bucket = await s3.CreateBucketAsync("noship");
        await using var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, bucket.Name);
            o.Log.Target = PreviewLogTarget.Stdout;
        });
        await host.StartAsync();
        Assert.True(host.Recorder.Record(new LlmTrace { Model = "m", Messages = [new LlmMessage("user", "q")], Response = "a" }));
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
        await host.StopAsync();

        Assert.Empty(await bucket.ListIndexKeysAsync());
        Assert.Single(await bucket.ListPayloadKeysAsync());
    }

    private IngestTestHost CreateHost(string bucket) => IngestTestHost.Create(o =>
    {
        s3.ConfigureS3Storage(o.Storage, bucket);
        o.Log.Directory = _folder.Combine("logs");
        o.Log.Instance = "it-host-1";
        o.Storage.Spool.Directory = _folder.Combine("spool");
    });

    private static byte[] Gunzip(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
