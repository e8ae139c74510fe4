namespace LlmIngest;

/// <summary>Which payload store the pipeline writes to.</summary>
public enum PayloadStoreKind
{
    /// <summary>S3 when <c>LlmIngest:Storage:S3:Bucket</c> or <c>ServiceUrl</c> is set, otherwise the local folder.</summary>
    Auto,

    /// <summary>A local folder: the embedded default, no infrastructure needed.</summary>
    Local,

    /// <summary>S3-compatible object storage (AWS S3, MinIO, Ceph).</summary>
    S3,
}
