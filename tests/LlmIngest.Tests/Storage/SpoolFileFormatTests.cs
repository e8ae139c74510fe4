using System.Security.Cryptography;
using System.Text;
using LlmIngest.Storage.S3;
using LlmIngest.Storage.Spool;

namespace LlmIngest.Tests.Storage;

public sealed class SpoolFileFormatTests
{
    [Fact]
    public void ASpooledIndexSegment_KeepsItsContentTypeAndNoContentEncoding()
    {
        var upload = new PendingUpload
        {
            Key = "traces/_index/tenant=acme/dt=2026-12-07/hour=10/pod-1-0000000000.jsonl.gz",
            Body = [1, 2, 3],
            ContentType = "application/gzip",
            Metadata = new() { ["sha256"] = new string('a', 64) },
            Tags = new() { ["llmingest-retention"] = "index" },
        };

        var decoded = SpoolFileFormat.Decode(SpoolFileFormat.Encode(upload, DateTimeOffset.UnixEpoch));

        Assert.NotNull(decoded);
        Assert.Equal("application/gzip", decoded.ContentType);
        Assert.Null(decoded.ContentEncoding);
        Assert.Equal(upload.Body, decoded.Body);
    }

    [Fact]
    public void ASpoolFileWrittenBeforeSegmentsExisted_StillDecodesAsAPayload()
    {
        byte[] body = [31, 139, 8, 0];
        var header = $"{{\"key\":\"traces/t/a/b.json\",\"content_encoding\":\"gzip\",\"metadata\":{{\"sha256\":\"x\"}},\"tags\":{{}},\"body_length\":{body.Length},\"body_sha256\":\"{Convert.ToHexStringLower(SHA256.HashData(body))}\",\"spooled_at\":\"2026-01-01T00:00:00+00:00\"}}";
        var content = Encoding.UTF8.GetBytes("LLMSPOOL1\n" + header + "\n").Concat(body).ToArray();

        var decoded = SpoolFileFormat.Decode(content);

        Assert.NotNull(decoded);
        Assert.Null(decoded.ContentType);
        Assert.Equal("gzip", decoded.ContentEncoding);
        Assert.Equal("traces/t/a/b.json", decoded.Key);
    }
}
