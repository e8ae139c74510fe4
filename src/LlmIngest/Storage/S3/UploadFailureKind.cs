namespace LlmIngest.Storage.S3;

/// <summary>Whether retrying an upload can help.</summary>
internal enum UploadFailureKind
{
    /// <summary>Throttling, 5xx, timeouts, connection failures: retry, then spool.</summary>
    Transient,

    /// <summary>Access denied, no such bucket, bad request: retrying cannot fix it; spool and report loudly once.</summary>
    Permanent,
}
