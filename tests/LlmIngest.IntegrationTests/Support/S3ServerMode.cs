namespace LlmIngest.IntegrationTests.Support;

/// <summary>Where the S3 server of a test run came from.</summary>
public enum S3ServerMode
{
    /// <summary>An already running server named by <c>LLMINGEST_TEST_S3_ENDPOINT</c> and its key variables.</summary>
    Environment,

    /// <summary>A MinIO container started through Testcontainers on a reachable Docker engine.</summary>
    MinioContainer,

    /// <summary>A one-node Ceph radosgw started (or reused) with <c>tests/s3server/ceph-rgw.sh</c>.</summary>
    CephRadosGateway,
}
