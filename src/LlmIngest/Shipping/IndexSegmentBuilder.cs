using System.IO.Compression;
using System.Security.Cryptography;
using LlmIngest.Storage;

namespace LlmIngest.Shipping;

/// <summary>Seals a group of lines into an <see cref="IndexSegment"/>: gzip body, SHA-256 of the plain lines, metadata and summary.</summary>
internal static class IndexSegmentBuilder
{
    public static IndexSegment Build(LineGroup group, string prefix, string instance, long sequence, string retentionClass)
    {
        var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var gzipped = new MemoryStream((int)Math.Min(int.MaxValue, (group.Bytes / 6) + 64));
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var line in group.Lines)
            {
                gzip.Write(line.Span);
                sha.AppendData(line.Span);
            }
        }

        var segment = new IndexSegment
        {
            Key = IndexKeys.ForSegment(prefix, group.TenantId, group.HourUtc, instance, sequence),
            GzipBody = gzipped.ToArray(),
            Sha256 = Convert.ToHexStringLower(sha.GetHashAndReset()),
            UncompressedBytes = group.Bytes,
            LineCount = group.Lines.Count,
            TenantId = group.TenantId,
            Instance = instance,
            Sequence = sequence,
            FirstTimestamp = group.FirstTimestamp,
            LastTimestamp = group.LastTimestamp,
            RetentionClass = retentionClass,
            Summary = IndexSummaryLines.TryBuild(group.Lines),
        };
        sha.Dispose();
        return segment;
    }

}
