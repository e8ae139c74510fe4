using System.Security.Cryptography;
using System.Text.Json;
using LlmIngest.Storage.S3;

namespace LlmIngest.Storage.Spool;

/// <summary>
/// The spool file format: <c>LLMSPOOL1\n{header json}\n{body}</c>. The header carries the body's length and SHA-256,
/// so a torn or corrupted file decodes to null instead of a wrong upload.
/// </summary>
internal static class SpoolFileFormat
{
    private static readonly byte[] Magic = "LLMSPOOL1\n"u8.ToArray();

    public static byte[] Encode(PendingUpload upload, DateTimeOffset spooledAt)
    {
        var header = new SpoolFileHeader
        {
            Key = upload.Key,
            ContentType = upload.ContentType,
            ContentEncoding = upload.ContentEncoding,
            Metadata = upload.Metadata,
            Tags = upload.Tags,
            BodyLength = upload.Body.Length,
            BodySha256 = Convert.ToHexStringLower(SHA256.HashData(upload.Body)),
            SpooledAt = spooledAt,
        };
        var headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, SpoolJsonContext.Default.SpoolFileHeader);
        var content = new byte[Magic.Length + headerBytes.Length + 1 + upload.Body.Length];
        Magic.CopyTo(content, 0);
        headerBytes.CopyTo(content, Magic.Length);
        content[Magic.Length + headerBytes.Length] = (byte)'\n';
        upload.Body.CopyTo(content, Magic.Length + headerBytes.Length + 1);
        return content;
    }

    public static PendingUpload? Decode(byte[] content)
    {
        if (content.Length < Magic.Length || !content.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return null;
        }

        var rest = content.AsSpan(Magic.Length);
        var newline = rest.IndexOf((byte)'\n');
        if (newline < 0)
        {
            return null;
        }

        SpoolFileHeader? header;
        try
        {
            header = JsonSerializer.Deserialize(rest[..newline], SpoolJsonContext.Default.SpoolFileHeader);
        }
        catch (JsonException)
        {
            return null;
        }

        var body = rest[(newline + 1)..];
        if (header is null || body.Length != header.BodyLength || !Convert.ToHexStringLower(SHA256.HashData(body)).Equals(header.BodySha256, StringComparison.Ordinal))
        {
            return null;
        }

        return new PendingUpload
        {
            Key = header.Key,
            Body = body.ToArray(),
            ContentType = header.ContentType,
            ContentEncoding = header.ContentEncoding,
            Metadata = header.Metadata,
            Tags = header.Tags,
        };
    }
}
