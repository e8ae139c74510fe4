using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using LlmIngest.IntegrationTests.Support;

namespace LlmIngest.IntegrationTests.Faults;

/// <summary>Presigned URLs against the real radosgw: a URL works until it expires, then the server refuses it.</summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class SecurityIntegrationTests(S3ServerFixture s3)
{
    [Fact]
    public async Task PresignedUrl_ReadsThePayloadUntilItExpires_ThenTheServerRefusesIt()
    {
        await using var bucket = await s3.CreateBucketAsync("presign");
        const string Key = "traces/acme/t1/s1.json";
        await s3.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket.Name, Key = Key, ContentBody = "{\"trace_id\":\"t1\"}" });

        // What `llmtrace` will hand out for a payload: a GET URL valid for a short time (here 2 s).
        var url = await s3.Client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket.Name,
            Key = Key,
            Verb = HttpVerb.GET,
            Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddSeconds(2),
        });
        Assert.DoesNotContain(s3.SecretKey, url, StringComparison.Ordinal);
        using var http = new HttpClient();
        using (var fresh = await http.GetAsync(new Uri(url)))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.Contains("\"t1\"", await fresh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var refused = HttpStatusCode.OK;
        await Poll.AssertUntilAsync(
            async () =>
            {
                using var late = await http.GetAsync(new Uri(url));
                refused = late.StatusCode;
                return refused != HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(20),
            "the presigned URL expires");
        Assert.Equal(HttpStatusCode.Forbidden, refused);

        // A tampered URL (another key, same signature) is refused too.
        using var tampered = await http.GetAsync(new Uri(url.Replace("s1.json", "s2.json", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }
}
