using LlmIngest.Storage;

namespace LlmIngest.Benchmarks.Load;

/// <summary>The S3 server of the test environment (<c>LLMINGEST_TEST_S3_*</c>, as set by <c>source /tmp/llmingest-ceph/env</c>).</summary>
internal static class S3TestEndpoint
{
    public static S3StorageOptions Options(string bucket, string prefix) => new()
    {
        Bucket = bucket,
        Prefix = prefix,
        ServiceUrl = Required("LLMINGEST_TEST_S3_ENDPOINT"),
        AccessKey = Required("LLMINGEST_TEST_S3_ACCESS_KEY"),
        SecretKey = Required("LLMINGEST_TEST_S3_SECRET_KEY"),
        Region = Environment.GetEnvironmentVariable("LLMINGEST_TEST_S3_REGION") is { Length: > 0 } region ? region : "us-east-1",
        ForcePathStyle = true,
        ChecksumMode = S3ChecksumMode.WhenRequired,
    };

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run `source /tmp/llmingest-ceph/env` (or point it at an S3 endpoint) first.");
}
