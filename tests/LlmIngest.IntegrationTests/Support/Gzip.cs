using System.IO.Compression;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>Decodes a stored object's gzip body, for tests that read objects over plain HTTP.</summary>
internal static class Gzip
{
    public static byte[] Decode(byte[] body)
    {
        using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }
}
