using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;
using LlmIngest.Cli;
using LlmIngest.IntegrationTests.Support;

namespace LlmIngest.IntegrationTests.Cli;

/// <summary>
/// <c>llmtrace get</c>, <c>verify</c>, <c>url</c> and <c>retention</c> against the real S3 server, on traces the whole
/// host recorded into a bucket of their own. The CLI runs in-process through its command entry point.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class LlmTraceCliS3IntegrationTests(S3ServerFixture s3) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();
    private TestBucket? _bucket;

    private TestBucket Bucket => _bucket!;

    private string Logs => _folder.Combine("logs");

    public async Task InitializeAsync() => _bucket = await s3.CreateBucketAsync("cli");

    public async Task DisposeAsync()
    {
        if (_bucket is not null)
        {
            await _bucket.DisposeAsync();
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Get_For50RandomTraceIds_PrintsExactlyTheirPayloadsInStepOrder_VerifiedAgainstLineAndMetadata()
    {
        var lines = await RecordAsync(calls: 400, multiStepOperations: 120, seed: 6);
        var traces = lines.GroupBy(l => l.TraceId).ToDictionary(g => g.Key, g => g.OrderBy(l => l.Step).ToList());
        var random = new Random(66);
        var chosen = traces.Keys.Order(StringComparer.Ordinal).ToArray();
        random.Shuffle(chosen);
        chosen = chosen[..50];
        Assert.True(chosen.Count(id => traces[id].Count > 1) >= 10, "the sample should include multi-step traces");
        var config = await ConfigAsync();

        foreach (var traceId in chosen)
        {
            var expected = traces[traceId];
            var outDir = _folder.Combine("out");
            var result = await LlmTraceCli.RunAsync("get", traceId, "--config", config, "--log", Logs, "--out", outDir);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"trace {traceId} · tenant {expected[0].TenantId} · {expected.Count} call(s) · bucket {Bucket.Name} at {s3.Endpoint}", result.Stdout, StringComparison.Ordinal);

            // Step headers in order, each naming the span of that step's JSONL line, each verified both ways.
            var at = 0;
            foreach (var line in expected)
            {
                var header = $"── step {line.Step} · span {line.SpanId} ·";
                var index = result.Stdout.IndexOf(header, at, StringComparison.Ordinal);
                Assert.True(index >= at, $"'{header}' missing or out of order in:\n{result.Stdout}");
                at = index + header.Length;
            }

            Assert.Equal(expected.Count, result.Stdout.Split("matches the JSONL line and object metadata").Length - 1);
            Assert.Equal(expected.Count, result.Stdout.Split("── step ").Length - 1);

            // --out wrote exactly the stored bytes, one file per call, named in step order.
            var files = Directory.GetFiles(Path.Combine(outDir, traceId)).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Select(l => $"{l.Step:D3}-{l.SpanId}.json"), files.Select(Path.GetFileName));
            for (var i = 0; i < files.Count; i++)
            {
                var bytes = await File.ReadAllBytesAsync(files[i]);
                Assert.Equal(expected[i].PayloadSha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
                Assert.Equal(expected[i].PayloadBytes, bytes.Length);
            }
        }

        // Without a log: the tenant from the flag, each payload checked against its object metadata; --raw is the stored JSON.
        var sample = chosen.First(id => traces[id].Count > 1);
        var raw = await LlmTraceCli.RunAsync("get", sample, "--config", config, "--tenant", traces[sample][0].TenantId, "--raw");
        Assert.True(raw.ExitCode == 0, raw.ToString());
        var rawLines = raw.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(traces[sample].Select(l => l.PayloadSha256), rawLines.Select(l => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(l)))));
    }

    [Fact]
    public async Task GetAndVerify_WhenAnObjectIsOverwrittenInTheBucket_FailLoudlyWithExitCode4()
    {
        var lines = await RecordAsync(calls: 40, multiStepOperations: 10, seed: 7);
        var config = await ConfigAsync();
        var multi = lines.GroupBy(l => l.TraceId).Where(g => g.Count() >= 3).Select(g => g.OrderBy(l => l.Step).ToList()).Take(2).ToList();
        Assert.Equal(2, multi.Count);

        // 1: the body changed, its metadata kept (as a careless or malicious rewrite would): valid JSON, other bytes.
        var victim = multi[0][1];
        var original = await s3.Client.GetObjectMetadataAsync(Bucket.Name, victim.PayloadKey);
        var body = (await ReadObjectAsync(victim.PayloadKey)).Replace("\"step\":1", "\"step\":1,\"note\":\"edited\"", StringComparison.Ordinal);
        var put = new PutObjectRequest { BucketName = Bucket.Name, Key = victim.PayloadKey, InputStream = new MemoryStream(Gzip(body)), ContentType = "application/json", UseChunkEncoding = false };
        put.Headers.ContentEncoding = "gzip";
        foreach (var key in original.Metadata.Keys)
        {
            put.Metadata[key] = original.Metadata[key];
        }

        await s3.Client.PutObjectAsync(put);

        // 2: other bytes altogether, no metadata.
        var garbage = multi[1][2];
        await s3.Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket.Name, Key = garbage.PayloadKey, ContentBody = "not a payload at all" });

        foreach (var (trace, tampered) in new[] { (multi[0], victim), (multi[1], garbage) })
        {
            var traceId = trace[0].TraceId;
            var withLog = await LlmTraceCli.RunAsync("get", traceId, "--config", config, "--log", Logs);
            var withoutLog = await LlmTraceCli.RunAsync("get", traceId, "--config", config, "--tenant", trace[0].TenantId);
            var verify = await LlmTraceCli.RunAsync("verify", traceId, "--config", config);

            foreach (var result in new[] { withLog, withoutLog, verify })
            {
                Assert.True(result.ExitCode == ExitCodes.IntegrityFailure, result.ToString());
                Assert.Contains("INTEGRITY FAILURE", result.Stderr, StringComparison.Ordinal);
            }

            Assert.Contains($"payload {tampered.PayloadKey}", withLog.Stderr, StringComparison.Ordinal);
            Assert.Contains($"payload {tampered.PayloadKey}", withoutLog.Stderr, StringComparison.Ordinal);
            Assert.Contains($"FAIL  step {tampered.Step} span {tampered.SpanId}", verify.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("edited", withLog.Stdout, StringComparison.Ordinal);

            // The untouched calls of the trace are still shown, verified.
            Assert.Equal(trace.Count - 1, withLog.Stdout.Split("matches the JSONL line and object metadata").Length - 1);
            Assert.Equal(trace.Count - 1, verify.Stdout.Split("ok    step").Length - 1);
        }

        Assert.Contains("has no sha256 metadata", (await LlmTraceCli.RunAsync("get", multi[1][0].TraceId, "--config", config, "--tenant", multi[1][0].TenantId)).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_GivenTheTraceparentOrTheUppercaseId_FetchesTheSameVerifiedPayloadsAsTheId()
    {
        var lines = await RecordAsync(calls: 40, multiStepOperations: 10, seed: 16);
        var trace = lines.GroupBy(l => l.TraceId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().OrderBy(l => l.Step).ToList();
        var traceId = trace[0].TraceId;
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.True(trace.Count > 1, "a multi-step trace shows that the traceparent's parent id does not filter spans");
        var config = await ConfigAsync();
        var expected = await LlmTraceCli.RunAsync("get", traceId, "--config", config, "--tenant", trace[0].TenantId, "--raw");
        Assert.True(expected.ExitCode == 0, expected.ToString());
        Assert.Equal(trace.Count, expected.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        foreach (var form in new[] { $"00-{traceId}-{trace[0].SpanId}-01", $"traceparent: 00-{traceId.ToUpperInvariant()}-b7ad6b7169203331-00", traceId.ToUpperInvariant() })
        {
            var raw = await LlmTraceCli.RunAsync("get", form, "--config", config, "--tenant", trace[0].TenantId, "--raw");
            var verified = await LlmTraceCli.RunAsync("get", form, "--config", config, "--log", Logs);

            Assert.True(raw.ExitCode == 0, raw.ToString());
            Assert.Equal(expected.Stdout, raw.Stdout);
            Assert.True(verified.ExitCode == 0, verified.ToString());
            Assert.Contains($"trace {traceId} · tenant {trace[0].TenantId} · {trace.Count} call(s) · bucket {Bucket.Name}", verified.Stdout, StringComparison.Ordinal);
            Assert.Equal(trace.Count, verified.Stdout.Split("matches the JSONL line and object metadata").Length - 1);
        }
    }

    [Fact]
    public async Task Get_ForAnUnknownTrace_Exits2SayingNoPayloadsUnderTheTenantInTheBucket()
    {
        var config = await ConfigAsync();

        var result = await LlmTraceCli.RunAsync("get", "0123456789abcdef0123456789abcdef", "--config", config, "--tenant", "acme");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains($"no payloads for trace 0123456789abcdef0123456789abcdef under tenant acme in bucket {Bucket.Name}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_GivesPresignedUrlsThatFetchEachObjectWithoutCredentials()
    {
        var lines = await RecordAsync(calls: 12, multiStepOperations: 4, seed: 8);
        var trace = lines.GroupBy(l => l.TraceId).First(g => g.Count() > 1).OrderBy(l => l.Step).ToList();

        var result = await LlmTraceCli.RunAsync("url", trace[0].TraceId, "--config", await ConfigAsync(), "--tenant", trace[0].TenantId, "--expires", "5m");

        Assert.True(result.ExitCode == 0, result.ToString());
        var pairs = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.Equal(trace.Select(l => l.PayloadKey).Order(StringComparer.Ordinal), pairs.Select(p => p[0]));
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None });
        foreach (var pair in pairs)
        {
            Assert.StartsWith(s3.Endpoint, pair[1], StringComparison.Ordinal);
            // The SDK counts the seconds from an absolute expiry and the clock moves on meanwhile: about 300.
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(pair[1], "Expires=(29[0-9]|30[0-9])(&|$)"), pair[1]);
            using var response = await http.GetAsync(new Uri(pair[1]));
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} for {pair[1]}");
            var body = await response.Content.ReadAsByteArrayAsync();
            using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain);
            Assert.Equal(trace.Single(l => l.PayloadKey == pair[0]).PayloadSha256, Convert.ToHexStringLower(SHA256.HashData(plain.ToArray())));
        }

        // The same keys from the id as an OpenTelemetry UI or a traceparent header gives it.
        foreach (var form in new[] { trace[0].TraceId.ToUpperInvariant(), $"00-{trace[0].TraceId}-{trace[0].SpanId}-01" })
        {
            var again = await LlmTraceCli.RunAsync("url", form, "--config", await ConfigAsync(), "--tenant", trace[0].TenantId, "--expires", "5m");
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Equal(pairs.Select(p => p[0]), again.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0]));
        }
    }

    [Fact]
    public async Task Retention_ShowReportsMissingRules_UntilApplyPutsThemInPlace()
    {
        var config = await ConfigAsync();

        var before = await LlmTraceCli.RunAsync("retention", "show", "--config", config);
        var apply = await LlmTraceCli.RunAsync("retention", "apply", "--config", config);
        var after = await LlmTraceCli.RunAsync("retention", "show", "--config", config);

        Assert.True(before.ExitCode == ExitCodes.RetentionDiffers, before.ToString());
        Assert.Contains("rule llmingest-expire-default is missing", before.Stdout, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("in step", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("llmingest-expire-errors: prefix= tags=llmingest-retention=errors expire_days=90", after.Stdout, StringComparison.Ordinal);
    }

    private async Task<List<PreviewLogLine>> RecordAsync(int calls, int multiStepOperations, int seed)
    {
        var operations = TrafficMix.Create(calls, multiStepOperations, seed);
        await using var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, Bucket.Name);
            o.Log.Directory = Logs;
        });
        await host.StartAsync();
        foreach (var call in operations.SelectMany(operation => operation))
        {
            Assert.True(host.Recorder.Record(call.Trace));
        }

        await host.Recorder.FlushAsync().WaitAsync(Budget);
        await host.StopAsync();
        Assert.Equal(calls, host.Metric("llmingest.payloads.stored"));
        var lines = PreviewLogLine.ReadFolder(Logs);
        Assert.Equal(calls, lines.Count);
        return lines;
    }

    private Task<string> ConfigAsync() => CliConfigFile.WriteAsync(_folder.Combine("appsettings.json"), s3, Bucket.Name, Logs);

    private async Task<string> ReadObjectAsync(string key)
    {
        using var response = await s3.Client.GetObjectAsync(Bucket.Name, key);
        using var gzip = new GZipStream(response.ResponseStream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}
