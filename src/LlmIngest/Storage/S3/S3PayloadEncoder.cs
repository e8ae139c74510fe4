using System.Globalization;
using System.IO.Compression;

namespace LlmIngest.Storage.S3;

/// <summary>
/// Turns a <see cref="PayloadObject"/> into the object S3 stores: gzip body with <c>Content-Encoding: gzip</c> (unless
/// compression is off), the ids, step and SHA-256 as user metadata, the retention class as a tag.
/// </summary>
internal sealed class S3PayloadEncoder(S3StorageOptions options, RetentionOptions retention)
{
    public const string SegmentContentType = "application/gzip";

    public const string SummaryContentType = "application/octet-stream";

    private const int MaxMetadataValueLength = 256;

    public PendingUpload Prepare(PayloadObject payload)
    {
        var gzip = options.Compression == PayloadCompression.Gzip;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["trace-id"] = payload.TraceId,
            ["span-id"] = payload.SpanId,
            ["tenant-id"] = payload.TenantId,
            ["step"] = payload.Step.ToString(CultureInfo.InvariantCulture),
            ["sha256"] = payload.Sha256,
            ["schema-version"] = "1",
        };
        AddEscaped(metadata, "session-id", payload.SessionId);
        AddEscaped(metadata, "model", payload.Model);
        return new PendingUpload
        {
            Key = payload.Key,
            Body = gzip ? Compress(payload.Content.Span) : payload.Content.ToArray(),
            ContentEncoding = gzip ? "gzip" : null,
            Metadata = metadata,
            Tags = new Dictionary<string, string>(StringComparer.Ordinal) { [retention.TagKey] = payload.RetentionClass ?? retention.DefaultClass },
        };
    }

    /// <summary>
    /// An index segment: the gzip file as the body with <c>Content-Type: application/gzip</c> and no content encoding
    /// (a <c>.jsonl.gz</c> file, as Athena and DuckDB read it), what it holds as metadata, its retention class as a tag.
    /// </summary>
    public PendingUpload PrepareSegment(IndexSegment segment) => new()
    {
        Key = segment.Key,
        Body = segment.GzipBody,
        ContentType = SegmentContentType,
        ContentEncoding = null,
        Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sha256"] = segment.Sha256,
            ["lines"] = segment.LineCount.ToString(CultureInfo.InvariantCulture),
            ["tenant-id"] = segment.TenantId,
            ["instance"] = segment.Instance,
            ["sequence"] = segment.Sequence.ToString(CultureInfo.InvariantCulture),
            ["first-timestamp"] = segment.FirstTimestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["last-timestamp"] = segment.LastTimestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["schema-version"] = "1",
        },
        Tags = new Dictionary<string, string>(StringComparer.Ordinal) { [retention.TagKey] = segment.RetentionClass },
    };

    /// <summary>
    /// A segment's summary: the binary <see cref="IndexSegmentSummary"/> under <see cref="IndexKeys.ForSummary"/>, its
    /// SHA-256 as metadata (so a retry or a replay of the same summary is success), the segment's retention class.
    /// </summary>
    public PendingUpload PrepareSummary(IndexSegment segment, byte[] summary) => new()
    {
        Key = IndexKeys.ForSummary(segment.Key),
        Body = summary,
        ContentType = SummaryContentType,
        ContentEncoding = null,
        Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(summary)),
            ["tenant-id"] = segment.TenantId,
            ["instance"] = segment.Instance,
            ["sequence"] = segment.Sequence.ToString(CultureInfo.InvariantCulture),
            ["schema-version"] = "1",
        },
        Tags = new Dictionary<string, string>(StringComparer.Ordinal) { [retention.TagKey] = segment.RetentionClass },
    };

    /// <summary>
    /// A media object: its bytes as sent (media are compressed formats already), its media type as Content-Type, its
    /// SHA-256 and length as metadata (so a retry or replay of the same content is success), the media retention class.
    /// </summary>
    public PendingUpload PrepareMedia(MediaObject media) => new()
    {
        Key = MediaKeys.ForMedia(options.Prefix, media.TenantId, media.Sha256),
        Body = media.Content.ToArray(),
        ContentType = media.MediaType,
        ContentEncoding = null,
        Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sha256"] = media.Sha256,
            ["length"] = media.Content.Length.ToString(CultureInfo.InvariantCulture),
            ["tenant-id"] = media.TenantId,
            ["schema-version"] = "1",
        },
        Tags = new Dictionary<string, string>(StringComparer.Ordinal) { [retention.TagKey] = media.RetentionClass ?? retention.DefaultClass },
    };

    private static byte[] Compress(ReadOnlySpan<byte> content)
    {
        using var output = new MemoryStream((content.Length / 4) + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private static void AddEscaped(Dictionary<string, string> metadata, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        // Metadata travels as HTTP headers (ASCII only) and S3 caps all of it at 2 KB: a long value is left out,
        // since the payload itself holds it.
        var escaped = Uri.EscapeDataString(value);
        if (escaped.Length <= MaxMetadataValueLength)
        {
            metadata[name] = escaped;
        }
    }
}
