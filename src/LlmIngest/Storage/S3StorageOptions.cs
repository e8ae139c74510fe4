namespace LlmIngest;

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

    /// <summary>Compression of the payload objects. Default <see cref="PayloadCompression.Gzip"/>.</summary>
    public PayloadCompression Compression { get; set; } = PayloadCompression.Gzip;

    /// <summary>Objects of this size or more (after compression) are uploaded in parts. Default 16 MiB.</summary>
    public long MultipartThresholdBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>The part size of multipart uploads (at least 5 MiB). Default 8 MiB.</summary>
    public long MultipartPartSizeBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Server-side encryption. Default <see cref="S3Encryption.S3Managed"/> (SSE-S3).</summary>
    public S3Encryption Encryption { get; set; } = S3Encryption.S3Managed;

    /// <summary>The KMS key id or ARN for <see cref="S3Encryption.Kms"/>; null uses the bucket's default KMS key.</summary>
    public string? KmsKeyId { get; set; }

    /// <summary>Attempts per upload before the payload goes to the spool. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first retry delay; each retry doubles it, with full jitter. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest retry delay. Default 5 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The timeout of one S3 request. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
