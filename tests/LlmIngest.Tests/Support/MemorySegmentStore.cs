using System.Collections.Concurrent;
using System.IO.Compression;
using LlmIngest.Storage;

namespace LlmIngest.Tests.Support;

/// <summary>An index segment store in memory with the bucket's create-only rule: same lines on a taken key is success, other lines a conflict.</summary>
internal sealed class MemorySegmentStore : IIndexSegmentStore
{
    private int _writes;

    public ConcurrentDictionary<string, IndexSegment> Objects { get; } = new(StringComparer.Ordinal);

    public string Description => "memory";

    public string Prefix => "traces";

    /// <summary>Fails the write with this number (1-based), and every one after it while <see cref="FailFrom"/> stays set.</summary>
    public int? FailFrom { get; set; }

    public int Writes => Volatile.Read(ref _writes);

    public Task WriteSegmentAsync(IndexSegment segment, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _writes);
        if (FailFrom is { } from && number >= from)
        {
            throw new IOException("S3 is down (test)");
        }

        var stored = Objects.GetOrAdd(segment.Key, segment);
        if (!string.Equals(stored.Sha256, segment.Sha256, StringComparison.Ordinal))
        {
            throw new PayloadConflictException(segment.Key);
        }

        return Task.CompletedTask;
    }

    public static string[] Lines(IndexSegment segment)
    {
        using var gzip = new GZipStream(new MemoryStream(segment.GzipBody), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
