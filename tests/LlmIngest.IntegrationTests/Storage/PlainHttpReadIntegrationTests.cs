using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmIngest.IntegrationTests.Support;

namespace LlmIngest.IntegrationTests.Storage;

/// <summary>
/// Objects are readable by any HTTP client, not only AWSSDK: read with our own SigV4 signer (<see cref="SigV4Client"/>)
/// they carry <c>Content-Encoding: gzip</c> exactly and decode to the recorded, redacted JSON; a presigned URL from
/// <c>llmtrace url</c> opens with a plain <see cref="HttpClient"/> and with <c>curl --compressed</c>.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class PlainHttpReadIntegrationTests(S3ServerFixture s3) : IDisposable
{
    private const int Calls = 5;

    private readonly TempFolder _folder = new();

    private string Logs => _folder.Combine("logs");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Objects_ReadWithOurOwnSigV4Client_AreGzipExactly_AndDecodeToTheRecordedRedactedJson()
    {
        await using var bucket = await s3.CreateBucketAsync("plainhttp");
        var lines = await RecordAsync(bucket.Name);
        using var client = SigV4Client.For(s3);

        // Two keys a page: the listing has to follow continuation tokens to see all of them. The payloads only: the
        // shipped index (traces/_index/, traces/_index_ids/) sits beside them.
        var keys = await client.ListKeysAsync(bucket.Name, "traces/default/", pageSize: 2);
        Assert.Equal(lines.Select(l => l.PayloadKey).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));

        foreach (var line in lines)
        {
            using (var head = await client.HeadAsync(bucket.Name, line.PayloadKey))
            {
                Assert.Equal(HttpStatusCode.OK, head.StatusCode);
                Assert.Equal(["gzip"], head.Content.Headers.ContentEncoding);
            }

            using var get = await client.GetAsync(bucket.Name, line.PayloadKey);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(["gzip"], get.Content.Headers.ContentEncoding);
            var json = Gzip.Decode(await get.Content.ReadAsByteArrayAsync());
            Assert.Equal(line.PayloadSha256, Convert.ToHexStringLower(SHA256.HashData(json)));
            AssertIsRedactedRecording(json, line);
        }
    }

    [Fact]
    public async Task PresignedUrl_FromLlmtraceUrl_OpensWithAPlainHttpClientAndWithCurlCompressed_DecodingToTheStoredJson()
    {
        await using var bucket = await s3.CreateBucketAsync("presign");
        var lines = await RecordAsync(bucket.Name);
        var line = lines[0];
        using var client = SigV4Client.For(s3);
        using var stored = await client.GetAsync(bucket.Name, line.PayloadKey);
        var storedJson = Gzip.Decode(await stored.Content.ReadAsByteArrayAsync());

        var result = await LlmTraceCli.RunAsync("url", line.TraceId, "--config", await ConfigAsync(bucket.Name), "--tenant", line.TenantId, "--expires", "5m");
        Assert.True(result.ExitCode == 0, result.ToString());
        var pair = Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split('\t');
        Assert.Equal(line.PayloadKey, pair[0]);
        var url = pair[1];

        using (var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.All }))
        {
            using var response = await http.GetAsync(new Uri(url));
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} for {url}");
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(storedJson, body);
        }

        var curl = await ExternalCommand.RunAsync("curl", ["--compressed", "-s", "-S", "--fail", url], TimeSpan.FromSeconds(30));
        Assert.True(curl.Succeeded, $"curl exited with {curl.ExitCode}: {curl.StandardError}");
        Assert.Equal(Encoding.UTF8.GetString(storedJson), curl.StandardOutput);
        Assert.Equal(line.PayloadSha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(curl.StandardOutput))));
        AssertIsRedactedRecording(Encoding.UTF8.GetBytes(curl.StandardOutput), line);
    }

    private static LlmTrace Trace(int i) => new()
    {
        Model = "gpt-4o-mini",
        FunctionName = "plain_http",
        SessionId = "sess-plain",
        Messages = [new LlmMessage("user", $"question {i}: mail jane.doe{i}@example.com please")],
        Response = $"answer {i}",
    };

    // What the app recorded, after redaction: the address replaced, everything else as recorded.
    private static void AssertIsRedactedRecording(byte[] json, PreviewLogLine line)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(line.TraceId, root.GetProperty("trace_id").GetString());
        Assert.Equal(line.SpanId, root.GetProperty("span_id").GetString());
        var i = int.Parse(root.GetProperty("response").GetString()!["answer ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("gpt-4o-mini", root.GetProperty("model").GetString());
        Assert.Equal("sess-plain", root.GetProperty("session_id").GetString());
        var message = Assert.Single(root.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal($"question {i}: mail [EMAIL] please", message.GetProperty("content").GetString());
        Assert.DoesNotContain("@example.com", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    private async Task<List<PreviewLogLine>> RecordAsync(string bucket)
    {
        await using var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, bucket);
            o.Log.Directory = Logs;
        });
        await host.StartAsync();
        for (var i = 0; i < Calls; i++)
        {
            Assert.True(host.Recorder.Record(Trace(i)));
        }

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await host.StopAsync();
        var lines = PreviewLogLine.ReadFolder(Logs);
        Assert.Equal(Calls, lines.Count);
        Assert.All(lines, l => Assert.True(l.PayloadStored));
        return lines;
    }

    private Task<string> ConfigAsync(string bucket) => CliConfigFile.WriteAsync(_folder.Combine("appsettings.json"), s3, bucket, Logs);
}
