using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using LlmIngest.Storage.Spool;
using Microsoft.Extensions.Time.Testing;

namespace LlmIngest.Tests.Storage;

public sealed class PayloadSpoolTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Enqueue_ThenRead_ReturnsTheSameUploadByteForByte()
    {
        var spool = NewSpool();
        var upload = Upload("traces/a/t1/s1.json", 1000);

        Assert.True(await spool.TryEnqueueAsync(upload, CancellationToken.None));

        var file = Assert.Single(spool.Snapshot());
        var read = await spool.ReadAsync(file, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(upload.Key, read.Key);
        Assert.Equal(upload.Body, read.Body);
        Assert.Equal("gzip", read.ContentEncoding);
        Assert.Equal(upload.Metadata, read.Metadata);
        Assert.Equal(upload.Tags, read.Tags);
        Assert.Empty(Directory.GetFiles(spool.Directory, "*.tmp"));
    }

    [Fact]
    public async Task Snapshot_ListsFilesInTheOrderTheyWereSpooled_AcrossARestart()
    {
        var spool = NewSpool();
        for (var i = 0; i < 5; i++)
        {
            await spool.TryEnqueueAsync(Upload($"k{i}", 10), CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var reopened = NewSpool();
        var keys = new List<string>();
        foreach (var file in reopened.Snapshot())
        {
            keys.Add((await reopened.ReadAsync(file, CancellationToken.None))!.Key);
        }

        Assert.Equal(["k0", "k1", "k2", "k3", "k4"], keys);
        Assert.Equal(5, reopened.Count);
        Assert.Equal(spool.Bytes, reopened.Bytes);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("garbage")]
    public async Task Read_OfATornOrCorruptFile_ReturnsNull(string damage)
    {
        var spool = NewSpool();
        await spool.TryEnqueueAsync(Upload("k", 5000), CancellationToken.None);
        var file = spool.Snapshot()[0];
        var bytes = await File.ReadAllBytesAsync(file);
        switch (damage)
        {
            case "truncated":
                bytes = bytes[..(bytes.Length - 100)];
                break;
            case "flipped":
                bytes[^10] ^= 0xFF;
                break;
            default:
                bytes = "not a spool file"u8.ToArray();
                break;
        }

        await File.WriteAllBytesAsync(file, bytes);

        Assert.Null(await spool.ReadAsync(file, CancellationToken.None));
    }

    [Fact]
    public async Task Quarantine_MovesTheFileAsideAndOutOfTheSpool()
    {
        var spool = NewSpool();
        await spool.TryEnqueueAsync(Upload("k", 10), CancellationToken.None);
        var file = spool.Snapshot()[0];

        spool.Quarantine(file);

        Assert.Equal(0, spool.Count);
        Assert.Equal(0, spool.Bytes);
        Assert.True(File.Exists(Path.Combine(spool.CorruptDirectory, Path.GetFileName(file))));
    }

    [Fact]
    public async Task Enqueue_WhenFullInDropNewestMode_RefusesTheNewPayload()
    {
        var spool = NewSpool(maxBytes: 1024 * 1024);
        var accepted = 0;
        for (var i = 0; i < 20; i++)
        {
            accepted += await spool.TryEnqueueAsync(Upload($"k{i}", 100_000), CancellationToken.None) ? 1 : 0;
        }

        Assert.InRange(accepted, 9, 10);
        Assert.True(spool.Bytes <= 1024 * 1024);
        Assert.Equal(accepted, spool.Count);
    }

    [Fact]
    public async Task Enqueue_WhenFullInDropOldestMode_DeletesTheOldestAndReportsHowMany()
    {
        var spool = NewSpool(maxBytes: 1024 * 1024, mode: SpoolFullMode.DropOldest);
        var evicted = 0;
        spool.Evicted = n => evicted += n;
        for (var i = 0; i < 20; i++)
        {
            Assert.True(await spool.TryEnqueueAsync(Upload($"k{i:D2}", 100_000), CancellationToken.None));
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(20 - spool.Count, evicted);
        var newest = await spool.ReadAsync(spool.Snapshot()[^1], CancellationToken.None);
        Assert.Equal("k19", newest!.Key);
        Assert.True(spool.Bytes <= 1024 * 1024);
    }

    [Fact]
    public async Task OldestAge_IsTheAgeOfTheOldestSpooledPayload()
    {
        var spool = NewSpool();
        Assert.Equal(TimeSpan.Zero, spool.OldestAge);
        await spool.TryEnqueueAsync(Upload("k", 10), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(42));

        Assert.Equal(TimeSpan.FromSeconds(42), spool.OldestAge);
    }

    [Fact]
    public void Start_DeletesTemporaryFilesOfWritesThatNeverCompleted()
    {
        Directory.CreateDirectory(_folder.Path);
        File.WriteAllText(Path.Combine(_folder.Path, "0000000000001-00000001.spool.tmp"), "half");

        var spool = NewSpool();

        Assert.Empty(Directory.GetFiles(spool.Directory, "*.tmp"));
        Assert.Equal(0, spool.Count);
    }

    private PayloadSpool NewSpool(long maxBytes = 1L << 30, SpoolFullMode mode = SpoolFullMode.DropNewest) =>
        new(new SpoolOptions { Directory = _folder.Path, MaxBytes = maxBytes, FullMode = mode }, _time);

    private static PendingUpload Upload(string key, int size) => new()
    {
        Key = key,
        Body = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray(),
        ContentEncoding = "gzip",
        Metadata = new Dictionary<string, string> { ["trace-id"] = "t1", ["sha256"] = new string('a', 64) },
        Tags = new Dictionary<string, string> { ["llmingest-retention"] = "errors" },
    };
}
