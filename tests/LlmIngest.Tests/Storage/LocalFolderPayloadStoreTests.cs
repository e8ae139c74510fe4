using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmIngest.Storage;
using LlmIngest.Tests.Support;

namespace LlmIngest.Tests.Storage;

public sealed class LocalFolderPayloadStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadTrace_ReturnsEveryPayloadOfTheTraceInStepOrder_ByteExact()
    {
        var store = new LocalFolderPayloadStore(new LocalStorageOptions { Directory = _folder.Path });
        var written = new List<PayloadObject>();
        foreach (var step in new[] { 2, 0, 3, 1 })
        {
            var payload = Payload("acme", "trace1", $"span{step}", step);
            written.Add(payload);
            await store.WriteAsync(payload, CancellationToken.None);
        }

        await store.WriteAsync(Payload("acme", "trace2", "other", 0), CancellationToken.None);

        var read = await store.ReadTraceAsync("acme", "trace1", CancellationToken.None);

        Assert.Equal([0, 1, 2, 3], read.Select(p => p.Trace.Step));
        foreach (var payload in read)
        {
            var original = written.Single(w => w.Key == payload.Key);
            Assert.Equal(original.Content.ToArray(), payload.Content.ToArray());
            Assert.Equal(original.Sha256, payload.Sha256);
        }

        Assert.DoesNotContain(Directory.EnumerateFiles(_folder.Path, "*.tmp", SearchOption.AllDirectories), _ => true);
    }

    [Fact]
    public async Task UriOf_IsTheFileUriOfTheWrittenFile_ForGeneratedIdsAndARootWithSpacesAndEscapes()
    {
        var random = new Random(16);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
        string Id(int length) => "a" + new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()).TrimEnd('.');
        var store = new LocalFolderPayloadStore(new LocalStorageOptions { Directory = _folder.Combine("pay loads #1 % é") });
        for (var i = 0; i < 200; i++)
        {
            var payload = Payload(Id(random.Next(0, 12)), Id(random.Next(1, 40)), Id(random.Next(1, 20)), 0);
            await store.WriteAsync(payload, CancellationToken.None);

            var uri = new Uri(store.UriOf(payload.Key));

            Assert.Equal("file", uri.Scheme);
            Assert.True(File.Exists(uri.LocalPath), uri.AbsoluteUri);
            Assert.Equal(payload.Content.ToArray(), await File.ReadAllBytesAsync(uri.LocalPath));
        }
    }

    [Fact]
    public async Task ReadTrace_OfAnotherTenant_FindsNothing()
    {
        var store = new LocalFolderPayloadStore(new LocalStorageOptions { Directory = _folder.Path });
        await store.WriteAsync(Payload("tenant-a", "t1", "s1", 0), CancellationToken.None);

        Assert.Empty(await store.ReadTraceAsync("tenant-b", "t1", CancellationToken.None));
        Assert.Null(await store.ReadAsync("tenant-b", "t1", "s1", CancellationToken.None));
        Assert.NotNull(await store.ReadAsync("tenant-a", "t1", "s1", CancellationToken.None));
    }

    [Fact]
    public async Task Write_SameKeyTwiceWithTheSameContent_Succeeds_AsARetryMust()
    {
        var store = new LocalFolderPayloadStore(new LocalStorageOptions { Directory = _folder.Path });
        await store.WriteAsync(Payload("a", "t", "s", 5), CancellationToken.None);
        await store.WriteAsync(Payload("a", "t", "s", 5), CancellationToken.None);

        var read = Assert.Single(await store.ReadTraceAsync("a", "t", CancellationToken.None));
        Assert.Equal(5, read.Trace.Step);
    }

    [Fact]
    public async Task Write_SameKeyWithDifferentContent_ThrowsAConflict_AndKeepsTheFirstPayload()
    {
        var store = new LocalFolderPayloadStore(new LocalStorageOptions { Directory = _folder.Path });
        await store.WriteAsync(Payload("a", "t", "s", 0), CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<PayloadConflictException>(() => store.WriteAsync(Payload("a", "t", "s", 5), CancellationToken.None));

        Assert.Equal("a/t/s.json", conflict.Key);
        var read = Assert.Single(await store.ReadTraceAsync("a", "t", CancellationToken.None));
        Assert.Equal(0, read.Trace.Step);
    }

    [Fact]
    public async Task Write_ConcurrentWritersOfOneKeyWithDifferentContent_ExactlyOneWins_AndTheFileHoldsTheWinnersBytes()
    {
        var store = new LocalFolderPayloadStore(new LocalStorageOptions { Directory = _folder.Path });
        var payloads = Enumerable.Range(0, 16).Select(i => Payload("a", "t", "race", i)).ToArray();

        var results = await Task.WhenAll(payloads.Select(async p =>
        {
            try
            {
                await Task.Yield();
                await store.WriteAsync(p, CancellationToken.None);
                return p;
            }
            catch (PayloadConflictException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(results, r => r is not null);
        var read = Assert.Single(await store.ReadTraceAsync("a", "t", CancellationToken.None));
        Assert.Equal(winner!.Sha256, read.Sha256);
    }

    private static PayloadObject Payload(string tenant, string trace, string span, int step)
    {
        var content = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(
            new LlmTrace { TraceId = trace, SpanId = span, TenantId = tenant, Step = step, Response = "héllo" },
            LlmIngestJsonContext.Relaxed.LlmTrace));
        return new PayloadObject
        {
            Key = PayloadKeys.ForPayload(string.Empty, tenant, trace, span),
            Content = content,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            TenantId = tenant,
            TraceId = trace,
            SpanId = span,
            Step = step,
        };
    }
}
