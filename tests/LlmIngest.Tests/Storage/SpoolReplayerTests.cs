using LlmIngest.Diagnostics;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using LlmIngest.Storage.Spool;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmIngest.Tests.Storage;

/// <summary>
/// The spool replayer against the SDK's own client over <see cref="ScriptedS3Handler"/>: a continuous pipeline at the
/// live uploads' concurrency, one pass at a time, and a pass that stops starting uploads once S3 fails.
/// </summary>
public sealed class SpoolReplayerTests : IDisposable
{
    private const int Concurrency = 4;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();
    private readonly ScriptedS3Handler _s3 = new();

    public void Dispose()
    {
        _s3.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Replay_IsOneContinuousPipeline_SoOneSlowUploadDoesNotHoldBackTheOthers()
    {
        using var store = await StoreWithSpooledAsync(20);
        _s3.Hold = n => n == 1; // the oldest file's upload hangs until released

        var pass = store.Replayer.ReplayAsync(CancellationToken.None);

        // Windows of 4 would wait for the held upload after 3 others; a pipeline uploads all 19 meanwhile.
        await Poll.AssertUntilAsync(() => _s3.Completed == 19, Budget, "19 uploads done while the first one is held");
        Assert.False(pass.IsCompleted);
        Assert.Equal(1, store.Replayer.SpooledCount);
        _s3.ReleaseAll();
        await pass.WaitAsync(Budget);

        Assert.Equal(0, store.Replayer.SpooledCount);
        Assert.Empty(Directory.GetFiles(store.Replayer.SpoolDirectory, "*.spool"));
        Assert.Equal(20, _s3.Puts);
        Assert.InRange(_s3.MaxInFlight, 1, Concurrency);
    }

    [Fact]
    public async Task Replay_RunsOnePassAtATime_ASecondCallerWaitsAndFindsTheSpoolEmpty()
    {
        using var store = await StoreWithSpooledAsync(10);
        _s3.Hold = _ => true;

        var first = store.Replayer.ReplayAsync(CancellationToken.None);
        await Poll.AssertUntilAsync(() => _s3.HeldCount == Concurrency, Budget, "the first pass holds a full pipeline");
        var second = store.Replayer.ReplayAsync(CancellationToken.None);

        // The second pass did not start uploads of its own next to the first one's.
        Assert.False(second.IsCompleted);
        Assert.Equal(Concurrency, _s3.Puts);
        _s3.Hold = _ => false;
        _s3.ReleaseAll();
        await Task.WhenAll(first, second).WaitAsync(Budget);

        Assert.Equal(10, _s3.Puts); // every file uploaded once: the second pass found nothing left
        Assert.Equal(0, store.Replayer.SpooledCount);
        Assert.Equal(Concurrency, _s3.MaxInFlight); // the live uploads' concurrency, never more
    }

    [Fact]
    public async Task Replay_WhenS3FailsMidway_StartsNoMoreUploads_KeepsTheRestSpooled_AndTheNextPassMakesProgress()
    {
        using var store = await StoreWithSpooledAsync(40);
        _s3.Fail = n => n > 10;

        await store.Replayer.ReplayAsync(CancellationToken.None).WaitAsync(Budget);

        // 10 stored; the failures stopped the pass after at most the uploads already in flight.
        Assert.Equal(10, _s3.Completed);
        Assert.Equal(30, store.Replayer.SpooledCount);
        Assert.True(_s3.Puts <= 10 + Concurrency, $"{_s3.Puts} PUTs: the pass went on after S3 failed");
        Assert.True(store.Availability.InOutage);

        _s3.Fail = _ => false;
        await store.Replayer.ReplayAsync(CancellationToken.None).WaitAsync(Budget);
        Assert.Equal(0, store.Replayer.SpooledCount);
        Assert.Equal(40, _s3.Completed);
        Assert.False(store.Availability.InOutage);
    }

    [Fact]
    public async Task AMediaObjectWrittenDuringAnOutage_IsSpooled_AndReplayedUnderItsKeyWithItsContentType()
    {
        using var store = await StoreWithSpooledAsync(0);
        _s3.Fail = _ => true;
        var bytes = new byte[70_000];
        new Random(4).NextBytes(bytes);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

        await store.WriteMediaAsync(new MediaObject { TenantId = "acme", Sha256 = sha, MediaType = "image/webp", Content = bytes, RetentionClass = "media" }, CancellationToken.None);

        Assert.Equal(1, store.Replayer.SpooledCount);
        _s3.Fail = _ => false;
        await store.Replayer.ReplayAsync(CancellationToken.None).WaitAsync(Budget);

        Assert.Equal(0, store.Replayer.SpooledCount);
        var put = Assert.Single(_s3.Stored);
        Assert.Equal(($"/b/traces/acme/_media/{sha}", "image/webp", bytes.Length), put);
        Assert.Equal($"s3://b/traces/acme/_media/{sha}", store.GetMediaUri("acme", sha));
    }

    private async Task<S3PayloadStore> StoreWithSpooledAsync(int count)
    {
        var storage = new StorageOptions
        {
            Kind = PayloadStoreKind.S3,
            MaxConcurrency = Concurrency,
            S3 = { Bucket = "b", ServiceUrl = "http://s3.invalid", AccessKey = "ak", SecretKey = "sk", MaxAttempts = 1 },
            Spool = { Directory = _folder.Combine("spool") },
        };
        var spool = new PayloadSpool(storage.Spool, TimeProvider.System);
        for (var i = 0; i < count; i++)
        {
            Assert.True(await spool.TryEnqueueAsync(Upload(i), CancellationToken.None));
        }

        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        return new S3PayloadStore(
            S3ClientFactory.Create(storage.S3, _s3.ClientFactory),
            storage,
            spool,
            new StorageMetrics(meters),
            TimeProvider.System,
            NullLogger<S3PayloadStore>.Instance,
            ownsClient: true);
    }

    private static PendingUpload Upload(int i) => new()
    {
        Key = $"traces/t/{i:D32}/{i:D16}.json",
        Body = [1, 2, 3, (byte)i],
        ContentEncoding = "gzip",
        Metadata = new() { ["sha256"] = $"{i:x64}" },
        Tags = new() { ["llmingest-retention"] = "default" },
    };
}
