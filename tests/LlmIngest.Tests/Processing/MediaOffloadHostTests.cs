using System.Security.Cryptography;
using System.Text.Json;
using LlmIngest.Cli;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.AI;

namespace LlmIngest.Tests.Processing;

/// <summary>Media offload through the whole host with the local folder store: a real MEAI pipeline, a fake model.</summary>
public sealed class MediaOffloadHostTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Logs => _folder.Combine("logs");

    private string Payloads => _folder.Combine("payloads");

    [Fact]
    public async Task AFiveMegabyteImage_SentTwice_IsOneMediaFile_ThePayloadsStaySmall_AndGetOutWritesIt()
    {
        var image = new byte[5 * 1024 * 1024];
        new Random(16).NextBytes(image);
        var sha = Convert.ToHexStringLower(SHA256.HashData(image));
        var traceIds = new List<string>();
        await using (var host = Host())
        {
            await host.StartAsync();
            var chat = new ChatClientBuilder(new ScriptedChatClient { Answer = "a cat" }).UseLlmTraceIngest().Build(host.Services);
            for (var call = 0; call < 2; call++)
            {
                var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("what is this?"), new DataContent(image, "image/png")])]);
                Assert.Equal("a cat", response.Text);
            }

            await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(1, host.Metric("llmingest.media.stored"));
            Assert.Equal(1, host.Metric("llmingest.media.deduplicated"));
            await host.StopAsync();
        }

        var media = Assert.Single(Directory.GetFiles(Path.Combine(Payloads, "default", "_media")));
        Assert.Equal(sha, Path.GetFileName(media));
        Assert.Equal(image, await File.ReadAllBytesAsync(media));

        var lines = RecordedLines.Read(Logs);
        Assert.Equal(2, lines.Count);
        foreach (var line in lines)
        {
            Assert.Equal(1, line.GetProperty("media_count").GetInt32());
            Assert.Equal(image.Length, line.GetProperty("media_bytes").GetInt64());
            Assert.True(line.GetProperty("payload_stored").GetBoolean());
            Assert.True(line.GetProperty("payload_bytes").GetInt64() < 10 * 1024, line.ToString());
            var payload = Directory.GetFiles(Payloads, "*.json", SearchOption.AllDirectories).Single(f => f.Contains(line.GetProperty("trace_id").GetString()!, StringComparison.Ordinal));
            Assert.True(new FileInfo(payload).Length < 10 * 1024);
            var reference = Assert.Single(JsonSerializer.Deserialize(File.ReadAllBytes(payload), LlmIngestJsonContext.Relaxed.LlmTrace)!.Messages![0].Media!);
            Assert.Equal((sha, "image/png", (long?)image.Length, true), (reference.Sha256, reference.MediaType, reference.Length, reference.Stored));
            Assert.Equal(new Uri(media).AbsoluteUri, reference.Uri);
            traceIds.Add(line.GetProperty("trace_id").GetString()!);
        }

        var outDir = _folder.Combine("out");
        var result = await LlmTraceCli.RunAsync("get", traceIds[0], "--config", await ConfigAsync(), "--log", Logs, "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"⧉ media image/png · 5,242,880 bytes · sha256 {sha} · {new Uri(media).AbsoluteUri}", result.Stdout, StringComparison.Ordinal);
        var written = Path.Combine(outDir, traceIds[0], sha + ".png");
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(written))));
    }

    [Fact]
    public async Task GetOut_AMediaFileChangedInTheStore_IsNotWritten_AndTheCommandFailsIntegrity()
    {
        var image = new byte[4096];
        new Random(3).NextBytes(image);
        string traceId;
        await using (var host = Host())
        {
            await host.StartAsync();
            var chat = new ChatClientBuilder(new ScriptedChatClient()).UseLlmTraceIngest().Build(host.Services);
            await chat.GetResponseAsync([new ChatMessage(ChatRole.User, [new DataContent(image, "image/gif")])]);
            await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await host.StopAsync();
            traceId = RecordedLines.Read(Logs)[0].GetProperty("trace_id").GetString()!;
        }

        var media = Assert.Single(Directory.GetFiles(Path.Combine(Payloads, "default", "_media")));
        image[0] ^= 0xFF;
        await File.WriteAllBytesAsync(media, image);

        var outDir = _folder.Combine("out");
        var result = await LlmTraceCli.RunAsync("get", traceId, "--config", await ConfigAsync(), "--log", Logs, "--out", outDir);

        Assert.Equal(ExitCodes.IntegrityFailure, result.ExitCode);
        Assert.Contains("INTEGRITY FAILURE: media object", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(outDir, traceId), "*.gif"));
    }

    [Fact]
    public async Task AnOverCapPayload_IsCutToTheCap_AndItsLineSaysSo()
    {
        await using var host = Host(o => o.Storage.MaxPayloadBytes = 16 * 1024);
        await host.StartAsync();
        var trace = SampleTraces.Chat(null, 0, user: new string('q', 200_000), response: "short answer");
        Assert.True(host.Recorder.Record(trace));
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        var line = Assert.Single(RecordedLines.Read(Logs));
        Assert.True(line.GetProperty("payload_truncated").GetBoolean());
        Assert.True(line.GetProperty("payload_bytes").GetInt64() <= 16 * 1024);
        var stored = (await host.Store.ReadTraceAsync("default", trace.TraceId!, CancellationToken.None)).Single().Trace;
        Assert.Matches(@"^q+…\[truncated [0-9,]+ bytes\]$", stored.Messages![^1].Content);
        Assert.Equal("short answer", stored.Response);
    }

    [Fact]
    public async Task AReferencesFileNameAndFetchedUrl_AreRedacted_TheImageBytesAreNot()
    {
        await using var host = Host();
        await host.StartAsync();
        var chat = new ChatClientBuilder(new ScriptedChatClient()).UseLlmTraceIngest().Build(host.Services);
        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, [
            new DataContent(new byte[] { 1, 2, 3 }, "image/png") { Name = "passport-jane.doe@example.com.png" },
            new UriContent("https://cdn.example.com/scan.png?owner=jane.doe@example.com", "image/png"),
        ])]);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        var payload = await File.ReadAllTextAsync(Directory.GetFiles(Payloads, "*.json", SearchOption.AllDirectories).Single());
        Assert.DoesNotContain("jane.doe@example.com", payload, StringComparison.Ordinal);
        Assert.Contains("https://cdn.example.com/scan.png?owner=", payload, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(Path.Combine(Payloads, "default", "_media")))));
    }

    private IngestTestHost Host(Action<LlmTraceIngestOptions>? configure = null) => IngestTestHost.Create(o =>
    {
        o.Log.Directory = Logs;
        o.Storage.Kind = PayloadStoreKind.Local;
        o.Storage.Local.Directory = Payloads;
        configure?.Invoke(o);
    });

    private async Task<string> ConfigAsync()
    {
        var path = _folder.Combine("appsettings.json");
        await File.WriteAllTextAsync(path, $$"""
            { "LlmIngest": { "Log": { "Directory": "{{Logs}}" }, "Storage": { "Kind": "Local", "Local": { "Directory": "{{Payloads}}" } } } }
            """);
        return path;
    }
}
