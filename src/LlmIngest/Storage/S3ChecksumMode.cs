namespace LlmIngest;

/// <summary>When the AWS SDK computes request checksums.</summary>
public enum S3ChecksumMode
{
    /// <summary>Only where the operation requires one.</summary>
    WhenRequired,

    /// <summary>Wherever the operation supports one (the SDK's default for AWS).</summary>
    WhenSupported,
}
