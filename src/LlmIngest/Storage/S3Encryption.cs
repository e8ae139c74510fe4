namespace LlmIngest;

/// <summary>Server-side encryption of payload objects.</summary>
public enum S3Encryption
{
    /// <summary>SSE-S3 (AES256, keys managed by the storage).</summary>
    S3Managed,

    /// <summary>SSE-KMS with <see cref="S3StorageOptions.KmsKeyId"/>.</summary>
    Kms,

    /// <summary>No encryption header (for servers that refuse it).</summary>
    None,
}
