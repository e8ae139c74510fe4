using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>
/// An S3 reader of our own, independent of AWSSDK: AWS Signature Version 4 (HMAC-SHA256) over a plain
/// <see cref="HttpClient"/>, path-style addressing. GET and HEAD an object, list keys with ListObjectsV2 (following
/// continuation tokens). The handler does not decompress, so a test sees the headers and bytes the server sends.
/// </summary>
internal sealed class SigV4Client : IDisposable
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string Service = "s3";
    private static readonly string EmptyPayloadHash = Convert.ToHexStringLower(SHA256.HashData([]));
    private static readonly XNamespace S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    private readonly HttpClient _http = new(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None });
    private readonly Uri _endpoint;
    private readonly string _accessKey;
    private readonly string _secretKey;
    private readonly string _region;

    public SigV4Client(string endpoint, string accessKey, string secretKey, string region)
    {
        _endpoint = new Uri(endpoint.TrimEnd('/') + "/");
        _accessKey = accessKey;
        _secretKey = secretKey;
        _region = region;
    }

    public static SigV4Client For(S3ServerFixture s3) => new(s3.Endpoint, s3.AccessKey, s3.SecretKey, s3.Region);

    public void Dispose() => _http.Dispose();

    /// <summary>GET of one object; the caller disposes the response (its content is the object's bytes as sent).</summary>
    public Task<HttpResponseMessage> GetAsync(string bucket, string key, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, ObjectPath(bucket, key), [], cancellationToken);

    /// <summary>HEAD of one object; the caller disposes the response.</summary>
    public Task<HttpResponseMessage> HeadAsync(string bucket, string key, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Head, ObjectPath(bucket, key), [], cancellationToken);

    /// <summary>Every key under <paramref name="prefix"/>, <paramref name="pageSize"/> per ListObjectsV2 request.</summary>
    public async Task<List<string>> ListKeysAsync(string bucket, string prefix, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var query = new List<KeyValuePair<string, string>>
            {
                new("list-type", "2"),
                new("max-keys", pageSize.ToString(CultureInfo.InvariantCulture)),
                new("prefix", prefix),
            };
            if (token is not null)
            {
                query.Add(new("continuation-token", token));
            }

            using var response = await SendAsync(HttpMethod.Get, "/" + Encode(bucket), query, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"ListObjectsV2 {bucket}/{prefix}: {(int)response.StatusCode} {text}");
            }

            var root = XDocument.Parse(text).Root!;
            var ns = root.Name.Namespace == XNamespace.None ? XNamespace.None : S3Namespace;
            keys.AddRange(root.Elements(ns + "Contents").Select(c => c.Element(ns + "Key")!.Value));
            var truncated = string.Equals(root.Element(ns + "IsTruncated")?.Value, "true", StringComparison.OrdinalIgnoreCase);
            token = truncated ? root.Element(ns + "NextContinuationToken")?.Value : null;
        }
        while (token is not null);

        return keys;
    }

    private static string ObjectPath(string bucket, string key) =>
        "/" + Encode(bucket) + "/" + string.Join('/', key.Split('/').Select(Encode));

    // RFC 3986: only the unreserved characters stay as they are (what SigV4 requires of paths and query strings).
    private static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, List<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var canonicalQuery = string.Join('&', query
            .Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        var basePath = _endpoint.AbsolutePath.TrimEnd('/');
        var fullPath = basePath + path;
        var host = _endpoint.Authority;

        const string signedHeaders = "host;x-amz-content-sha256;x-amz-date";
        var canonicalRequest = string.Join('\n',
            method.Method,
            fullPath,
            canonicalQuery,
            $"host:{host}",
            $"x-amz-content-sha256:{EmptyPayloadHash}",
            $"x-amz-date:{amzDate}",
            string.Empty,
            signedHeaders,
            EmptyPayloadHash);
        var scope = $"{date}/{_region}/{Service}/aws4_request";
        var stringToSign = string.Join('\n',
            Algorithm,
            amzDate,
            scope,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + _secretKey), date), _region), Service), "aws4_request");
        var signature = Convert.ToHexStringLower(Hmac(key, stringToSign));

        var uri = new Uri($"{_endpoint.Scheme}://{host}{fullPath}{(canonicalQuery.Length > 0 ? "?" + canonicalQuery : string.Empty)}");
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", EmptyPayloadHash);
        request.Headers.TryAddWithoutValidation("Authorization", $"{Algorithm} Credential={_accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }
}
