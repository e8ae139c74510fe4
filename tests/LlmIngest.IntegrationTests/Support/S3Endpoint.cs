namespace LlmIngest.IntegrationTests.Support;

/// <summary>How to reach and sign requests for an S3-compatible server.</summary>
internal sealed record S3Endpoint(string ServiceUrl, string AccessKey, string SecretKey, string Region);
