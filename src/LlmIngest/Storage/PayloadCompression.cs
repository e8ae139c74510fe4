namespace LlmIngest;

/// <summary>How payload objects are compressed in S3.</summary>
public enum PayloadCompression
{
    /// <summary>gzip, stored with <c>Content-Encoding: gzip</c>.</summary>
    Gzip,

    /// <summary>Plain JSON.</summary>
    None,
}
