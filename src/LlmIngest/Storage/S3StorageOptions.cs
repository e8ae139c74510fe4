namespace LlmIngest.Storage;

/// <summary>Options for the S3-compatible payload store.</summary>
public sealed class S3StorageOptions
{
    /// <summary>The bucket. Required when the store is S3.</summary>
    public string? Bucket { get; set; }

    /// <summary>The key prefix before the tenant. Default <c>traces</c>.</summary>
    public string Prefix { get; set; } = "traces";

    /// <summary>The endpoint of a non-AWS server, e.g. <c>http://127.0.0.1:9000</c>. Null for AWS S3.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The region (AWS) or signing region (other servers). Default <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Access key id; when null with no secret, the standard AWS credential chain is used.</summary>
    public string? AccessKey { get; set; }

    /// <summary>Secret access key, paired with <see cref="AccessKey"/>. Never logged.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>). Default: true when <see cref="ServiceUrl"/> is set.</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>
    /// When the SDK adds request checksums. Default: <see cref="S3ChecksumMode.WhenRequired"/> for a custom endpoint
    /// (Ceph RGW and others reject the SDK's streamed trailing checksums), <see cref="S3ChecksumMode.WhenSupported"/> for AWS.
    /// </summary>
    public S3ChecksumMode? ChecksumMode { get; set; }
}
