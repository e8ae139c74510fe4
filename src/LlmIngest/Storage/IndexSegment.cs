namespace LlmIngest.Storage;

/// <summary>
/// One sealed index segment: the whole JSONL lines of one tenant and UTC hour from one cut of the local log, gzipped,
/// with what its object metadata says about them.
/// </summary>
internal sealed record IndexSegment
{
    public required string Key { get; init; }

    /// <summary>The gzip file (a <c>.jsonl.gz</c>), stored as it is: no content encoding.</summary>
    public required byte[] GzipBody { get; init; }

    /// <summary>The SHA-256 (lowercase hex) of the uncompressed lines.</summary>
    public required string Sha256 { get; init; }

    public required long UncompressedBytes { get; init; }

    public required int LineCount { get; init; }

    public required string TenantId { get; init; }

    public required string Instance { get; init; }

    public required long Sequence { get; init; }

    public required DateTimeOffset FirstTimestamp { get; init; }

    public required DateTimeOffset LastTimestamp { get; init; }

    /// <summary>The retention class tag value (<c>Log:Ship:RetentionClass</c>).</summary>
    public required string RetentionClass { get; init; }

    /// <summary>
    /// The segment's <see cref="IndexSegmentSummary"/>, stored beside it under <see cref="IndexKeys.ForSummary"/>; null
    /// when a line could not be read (a reader then treats the segment as "may match").
    /// </summary>
    public byte[]? Summary { get; init; }
}
