using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Amazon.S3.Model;
using LlmIngest.IntegrationTests.Support;

namespace LlmIngest.IntegrationTests.Cli.Serve;

/// <summary>
/// <c>llmtrace serve</c> reading payloads from the real S3 server: the trace document verifies each payload against its
/// index line and the object's metadata, in step order, and withholds a payload whose body was rewritten.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class ViewerS3IntegrationTests(S3ServerFixture s3) : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly HttpClient _http = new();
    private TestBucket? _bucket;

    private string Logs => _folder.Combine("logs");

    public async Task InitializeAsync() => _bucket = await s3.CreateBucketAsync("viewer");

    public async Task DisposeAsync()
    {
        if (_bucket is not null)
        {
            await _bucket.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task TraceDocument_VerifiesEveryStepAgainstLineAndMetadata_AndWithholdsARewrittenPayload()
    {
        await using (var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, _bucket!.Name);
            o.Log.Directory = Logs;
        }))
        {
            await host.StartAsync();
            foreach (var call in TrafficMix.Create(60, 15, 21).SelectMany(operation => operation))
            {
                Assert.True(host.Recorder.Record(call.Trace));
            }

            await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await host.StopAsync();
        }

        var traces = PreviewLogLine.ReadFolder(Logs).GroupBy(l => l.TraceId).Select(g => g.OrderBy(l => l.Step).ToList()).Where(t => t.Count >= 3).Take(3).ToList();
        Assert.Equal(3, traces.Count);
        var victim = traces[2][1];
        var original = await s3.Client.GetObjectMetadataAsync(_bucket!.Name, victim.PayloadKey);
        string body;
        using (var response = await s3.Client.GetObjectAsync(_bucket.Name, victim.PayloadKey))
        using (var reader = new StreamReader(new GZipStream(response.ResponseStream, CompressionMode.Decompress), Encoding.UTF8))
        {
            body = (await reader.ReadToEndAsync()).Replace("\"step\":1", "\"step\":1,\"note\":\"edited\"", StringComparison.Ordinal);
        }

        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(body));
        }

        gzipped.Position = 0;
        var put = new PutObjectRequest { BucketName = _bucket.Name, Key = victim.PayloadKey, InputStream = gzipped, ContentType = "application/json", UseChunkEncoding = false };
        put.Headers.ContentEncoding = "gzip";
        foreach (var key in original.Metadata.Keys)
        {
            put.Metadata[key] = original.Metadata[key];
        }

        await s3.Client.PutObjectAsync(put);

        await using var serve = await ServeProcess.StartAsync(
            ["--port", "0", "--log", Logs, "--bucket", _bucket.Name, "--endpoint", s3.Endpoint],
            new Dictionary<string, string> { ["LlmIngest__Storage__S3__AccessKey"] = s3.AccessKey, ["LlmIngest__Storage__S3__SecretKey"] = s3.SecretKey, ["LlmIngest__Storage__S3__Region"] = s3.Region });
        foreach (var trace in traces)
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri(serve.BaseAddress, "api/traces/" + trace[0].TraceId)));
            var steps = document.RootElement.GetProperty("steps").EnumerateArray().ToList();
            Assert.Equal(trace.Select(l => l.SpanId), steps.Select(s => s.GetProperty("span_id").GetString()));
            foreach (var (line, step) in trace.Zip(steps))
            {
                var integrity = step.GetProperty("integrity");
                if (line.SpanId == victim.SpanId)
                {
                    Assert.Equal("failed", integrity.GetProperty("status").GetString());
                    Assert.Contains("but its JSONL line says", integrity.GetProperty("detail").GetString(), StringComparison.Ordinal);
                    Assert.False(step.TryGetProperty("payload", out _));
                }
                else
                {
                    Assert.Equal("verified", integrity.GetProperty("status").GetString());
                    Assert.EndsWith("matches the JSONL line and object metadata", integrity.GetProperty("detail").GetString(), StringComparison.Ordinal);
                    Assert.Equal(line.PayloadSha256, integrity.GetProperty("metadata_sha256").GetString());
                    Assert.Equal(line.SpanId, step.GetProperty("payload").GetProperty("span_id").GetString());
                }
            }
        }
    }
}
