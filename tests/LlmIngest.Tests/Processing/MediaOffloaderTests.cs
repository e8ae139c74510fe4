using System.Security.Cryptography;
using LlmIngest.Diagnostics;
using LlmIngest.Processing;
using LlmIngest.Storage;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmIngest.Tests.Processing;

public sealed class MediaOffloaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Offload_DataUriInText_IsReplacedByAMarker_AndAStoredReference_WithoutChangingTheAppsMessage()
    {
        var (bytes, uri) = Png(5000, seed: 1);
        var message = new LlmMessage("user", $"what is in {uri} ?");
        var trace = Trace(message);
        var offloader = Offloader(new MediaOptions(), out var store);

        var offload = offloader.Offload(trace)!;

        var sha = Sha(bytes);
        var stored = Assert.Single(trace.Messages!);
        Assert.Equal($"what is in [media image/png 4.9 KiB sha256:{sha[..12]}…] ?", stored.Content);
        var reference = Assert.Single(stored.Media!);
        Assert.Equal(("image/png", 5000L, sha, true), (reference.MediaType, reference.Length, reference.Sha256, reference.Stored));
        Assert.Equal(store.GetMediaUri("acme", sha), reference.Uri);
        Assert.Equal(bytes, Assert.Single(offload.Objects).Content.ToArray());
        Assert.Equal((1, 5000L), (offload.Count, offload.Bytes));
        Assert.Equal($"what is in {uri} ?", message.Content); // the app's object is untouched
        Assert.Null(message.Media);
    }

    [Fact]
    public void Offload_TheSameImageTwiceInATrace_GivesTwoReferencesButOneObject()
    {
        var (_, uri) = Png(3000, seed: 2);
        var trace = Trace(new LlmMessage("user", uri), new LlmMessage("user", "again " + uri));

        var offload = Offloader(new MediaOptions(), out _).Offload(trace)!;

        Assert.Single(offload.Objects);
        Assert.Equal(2, offload.Count);
        Assert.All(trace.Messages!, m => Assert.Single(m.Media!));
    }

    [Fact]
    public void Offload_ReferenceOnly_KeepsTypeSizeAndHash_ButNoBytesAndNoUri()
    {
        var (bytes, uri) = Png(4000, seed: 3);
        var trace = Trace(new LlmMessage("user", uri));

        var offload = Offloader(new MediaOptions { Mode = MediaStorageMode.ReferenceOnly }, out _).Offload(trace)!;

        var reference = Assert.Single(trace.Messages![0].Media!);
        Assert.Equal((Sha(bytes), 4000L, false, (string?)null), (reference.Sha256, reference.Length, reference.Stored, reference.Uri));
        Assert.Empty(offload.Objects);
        Assert.DoesNotContain("base64", trace.Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Offload_AStoreThatKeepsNoMedia_GivesReferencesOnly()
    {
        var (_, uri) = Png(4000, seed: 4);
        var trace = Trace(new LlmMessage("user", uri));
        var offloader = new MediaOffloader(new GatedPayloadStore(), new MediaOptions(), new IngestCounters(), NullLogger.Instance);

        var offload = offloader.Offload(trace)!;

        Assert.Empty(offload.Objects);
        Assert.False(trace.Messages![0].Media![0].Stored);
    }

    [Fact]
    public void Offload_NoMedia_ReturnsNull_AndLeavesTheMessagesAsTheyWere()
    {
        var messages = new List<LlmMessage> { new("user", "hello, data: is a word; base64, too") };
        var trace = Trace([.. messages]);
        var before = trace.Messages;

        Assert.Null(Offloader(new MediaOptions(), out _).Offload(trace));
        Assert.Same(before, trace.Messages);
    }

    [Fact]
    public async Task StoreAsync_AnImageStoredBefore_IsNotWrittenAgain()
    {
        var counters = new IngestCounters();
        var store = new LocalFolderPayloadStore(new LocalStorageOptions { Directory = _folder.Path });
        var offloader = new MediaOffloader(store, new MediaOptions(), counters, NullLogger.Instance);
        var (bytes, uri) = Png(6000, seed: 5);

        for (var call = 0; call < 3; call++)
        {
            var offload = offloader.Offload(Trace(new LlmMessage("user", uri)))!;
            await offloader.StoreAsync(offload, "k", CancellationToken.None);
        }

        Assert.Equal((1L, 2L, 0L), (counters.Media.Stored, counters.Media.Deduplicated, counters.Media.Failed));
        var file = Assert.Single(Directory.GetFiles(Path.Combine(_folder.Path, "acme", "_media")));
        Assert.Equal(Sha(bytes), Path.GetFileName(file));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task StoreAsync_AfterARestart_WritingTheSameImageAgainSucceeds()
    {
        var (bytes, uri) = Png(6000, seed: 6);
        foreach (var process in new[] { 1, 2 })
        {
            var counters = new IngestCounters();
            var offloader = new MediaOffloader(new LocalFolderPayloadStore(new LocalStorageOptions { Directory = _folder.Path }), new MediaOptions(), counters, NullLogger.Instance);
            await offloader.StoreAsync(offloader.Offload(Trace(new LlmMessage("user", uri)))!, "k", CancellationToken.None);
            Assert.Equal((1L, 0L), (counters.Media.Stored, counters.Media.Failed));
        }

        Assert.Single(Directory.GetFiles(Path.Combine(_folder.Path, "acme", "_media")));
    }

    [Fact]
    public async Task StoreAsync_TwoCallsOfOneBatchWithTheSameImage_MakeOneWrite_AndBothWaitForIt()
    {
        var counters = new IngestCounters();
        var store = new GatedMediaStore();
        var offloader = new MediaOffloader(store, new MediaOptions(), counters, NullLogger.Instance);
        var (_, uri) = Png(6000, seed: 8);

        var first = offloader.StoreAsync(offloader.Offload(Trace(new LlmMessage("user", uri)))!, "k1", CancellationToken.None);
        var second = offloader.StoreAsync(offloader.Offload(Trace(new LlmMessage("user", uri)))!, "k2", CancellationToken.None);

        Assert.False(second.IsCompleted); // its payload must not go before the object it names
        store.Open();
        await Task.WhenAll(first, second);
        Assert.Equal(1, store.Writes);
        Assert.Equal((1L, 1L), (counters.Media.Stored, counters.Media.Deduplicated));
    }

    [Fact]
    public async Task StoreAsync_AFailedWrite_IsLoggedAndCounted_AndTheNextCallTriesAgain()
    {
        var counters = new IngestCounters();
        var store = new GatedMediaStore { FailNext = true };
        store.Open();
        var offloader = new MediaOffloader(store, new MediaOptions(), counters, NullLogger.Instance);
        var (_, uri) = Png(6000, seed: 9);

        await offloader.StoreAsync(offloader.Offload(Trace(new LlmMessage("user", uri)))!, "k1", CancellationToken.None);
        await offloader.StoreAsync(offloader.Offload(Trace(new LlmMessage("user", uri)))!, "k2", CancellationToken.None);

        Assert.Equal(2, store.Writes);
        Assert.Equal((1L, 1L, 0L), (counters.Media.Failed, counters.Media.Stored, counters.Media.Deduplicated));
    }

    [Fact]
    public void StoredMediaSet_WhenFull_StartsOver()
    {
        var set = new StoredMediaSet(capacity: 2);
        set.Add("t", "a");
        set.Add("t", "b");
        set.Add("t", "c");

        Assert.Equal(1, set.Count);
        Assert.True(set.Contains("t", "c"));
        Assert.False(set.Contains("u", "c"));
    }

    private MediaOffloader Offloader(MediaOptions options, out LocalFolderPayloadStore store)
    {
        store = new LocalFolderPayloadStore(new LocalStorageOptions { Directory = _folder.Path });
        return new MediaOffloader(store, options, new IngestCounters(), NullLogger.Instance);
    }

    private static LlmTrace Trace(params LlmMessage[] messages) => new() { TenantId = "acme", TraceId = "t1", SpanId = "s1", Messages = messages };

    private static (byte[] Bytes, string Uri) Png(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return (bytes, "data:image/png;base64," + Convert.ToBase64String(bytes));
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
