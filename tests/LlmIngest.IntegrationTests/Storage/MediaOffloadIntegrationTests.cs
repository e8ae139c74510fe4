using System.Security.Cryptography;
using System.Text.Json;
using LlmIngest.Cli;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.Storage;
using Microsoft.Extensions.AI;

namespace LlmIngest.IntegrationTests.Storage;

/// <summary>
/// Issue 16's acceptance line against the real S3 server: a call with a 5 MB image in a message stores one media object
/// (a second identical call adds none) and a payload under 10 KB. Checked with our own plain-HTTP S3 client, and read
/// back through <c>llmtrace get --out</c>.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class MediaOffloadIntegrationTests(S3ServerFixture s3) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    private readonly TempFolder _folder = new();
    private TestBucket? _bucket;

    private TestBucket Bucket => _bucket!;

    private string Logs => _folder.Combine("logs");

    public async Task InitializeAsync() => _bucket = await s3.CreateBucketAsync("media");

    public async Task DisposeAsync()
    {
        if (_bucket is not null)
        {
            await _bucket.DisposeAsync();
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AFiveMegabyteImage_TwoIdenticalCalls_OneMediaObject_ReadBackByPlainHttp_PayloadsUnderTenKilobytes_AndGetOutWritesIt()
    {
        var image = new byte[5 * 1024 * 1024];
        new Random(5).NextBytes(image);
        var sha = Convert.ToHexStringLower(SHA256.HashData(image));
        using var http = SigV4Client.For(s3);

        await using (var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, Bucket.Name);
            o.Log.Directory = Logs;
        }))
        {
            await host.StartAsync();
            var chat = new ChatClientBuilder(new FixedAnswerChatClient("a red square")).UseLlmTraceIngest().Build(host.Services);
            for (var call = 0; call < 2; call++)
            {
                await chat.GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("describe"), new DataContent(image, "image/png")])]);
                await host.Recorder.FlushAsync().WaitAsync(Budget);

                // After each call: exactly one media object, named by the image's SHA-256.
                var media = await http.ListKeysAsync(Bucket.Name, "traces/default/_media/");
                Assert.Equal([$"traces/default/_media/{sha}"], media);
            }

            Assert.Equal(1, host.Metric("llmingest.media.stored"));
            await host.StopAsync();
        }

        // Its bytes, by plain HTTP: the original, typed as the image, with its hash and length as metadata.
        using (var response = await http.GetAsync(Bucket.Name, $"traces/default/_media/{sha}"))
        {
            Assert.True(response.IsSuccessStatusCode, response.ToString());
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(image.Length, bytes.Length);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(sha, response.Headers.GetValues("x-amz-meta-sha256").Single());
        }

        var tags = await s3.Client.GetObjectTaggingAsync(new Amazon.S3.Model.GetObjectTaggingRequest { BucketName = Bucket.Name, Key = $"traces/default/_media/{sha}" });
        Assert.Contains(tags.Tagging, t => t.Key == "llmingest-retention" && t.Value == "media");

        // Two payloads, each small and naming the media object; no trace listing sees _media/.
        var keys = await Bucket.ListPayloadKeysAsync("traces/");
        Assert.Equal(3, keys.Count);
        Assert.Single(keys, MediaKeys.IsMediaKey);
        foreach (var text in Directory.GetFiles(Logs, "*.jsonl").SelectMany(File.ReadAllLines))
        {
            using var json = JsonDocument.Parse(text);
            Assert.Equal(1, json.RootElement.GetProperty("media_count").GetInt32());
            Assert.Equal(image.Length, json.RootElement.GetProperty("media_bytes").GetInt64());
        }

        var lines = PreviewLogLine.ReadFolder(Logs);
        Assert.Equal(2, lines.Count);
        using var reader = new LlmTracePayloadReader(StorageFor());
        foreach (var line in lines)
        {
            Assert.True(line.PayloadBytes < 10 * 1024, $"payload of {line.PayloadBytes} bytes");
            var stored = Assert.Single(await reader.ReadTraceAsync("default", line.TraceId));
            Assert.True(stored.Content.Length < 10 * 1024);
            var reference = Assert.Single(stored.Trace.Messages![0].Media!);
            Assert.Equal((sha, (long?)image.Length, true), (reference.Sha256, reference.Length, reference.Stored));
            Assert.Equal($"s3://{Bucket.Name}/traces/default/_media/{sha}", reference.Uri);
        }

        // The public reader fetches it by tenant and hash, and so does llmtrace get --out.
        var read = await reader.ReadMediaAsync("default", sha);
        Assert.True(read is { IsIntact: true } && read.Sha256 == sha);

        var outDir = _folder.Combine("out");
        var result = await LlmTraceCli.RunAsync("get", lines[0].TraceId, "--config", await ConfigAsync(), "--log", Logs, "--out", outDir);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"sha256 {sha} · s3://{Bucket.Name}/traces/default/_media/{sha}", result.Stdout, StringComparison.Ordinal);
        var written = await File.ReadAllBytesAsync(Path.Combine(outDir, lines[0].TraceId, sha + ".png"));
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(written)));
    }

    private StorageOptions StorageFor()
    {
        var storage = new StorageOptions();
        s3.ConfigureS3Storage(storage, Bucket.Name);
        return storage;
    }

    private Task<string> ConfigAsync() => CliConfigFile.WriteAsync(_folder.Combine("appsettings.json"), s3, Bucket.Name, Logs);
}
