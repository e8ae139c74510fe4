namespace LlmIngest;

/// <summary>Options for the payload store.</summary>
public sealed class StorageOptions
{
    /// <summary>Which store to use. Default <see cref="PayloadStoreKind.Auto"/>: S3 when a bucket or endpoint is configured, else the local folder.</summary>
    public PayloadStoreKind Kind { get; set; } = PayloadStoreKind.Auto;

    /// <summary>How many payload writes may run at once. Default 8.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>The local-folder store.</summary>
    public LocalStorageOptions Local { get; set; } = new();

    /// <summary>The S3-compatible store.</summary>
    public S3StorageOptions S3 { get; set; } = new();

    /// <summary>Retention classes and the bucket lifecycle rules that enforce them.</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>The outage spool.</summary>
    public SpoolOptions Spool { get; set; } = new();

    /// <summary>Images, audio and files inside messages: stored apart from the payload, or only referenced.</summary>
    public MediaOptions Media { get; set; } = new();

    /// <summary>
    /// The largest payload stored, in bytes of UTF-8 JSON. A larger one is cut, longest text first, each cut marked
    /// <c>…[truncated N bytes]</c>, and its line says <c>payload_truncated:true</c>. Default 32 MiB: far above a long agent conversation once media is
    /// offloaded (a million tokens of text is ~4 MB), so only a runaway payload is cut.
    /// </summary>
    public int MaxPayloadBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>When set, reads through the library are confined to this tenant: a reader for tenant A cannot list or read tenant B.</summary>
    public string? ReadTenant { get; set; }

    /// <summary>The store chosen once <see cref="PayloadStoreKind.Auto"/> is resolved.</summary>
    internal PayloadStoreKind ResolvedKind =>
        Kind != PayloadStoreKind.Auto ? Kind
        : string.IsNullOrWhiteSpace(S3.Bucket) && string.IsNullOrWhiteSpace(S3.ServiceUrl) ? PayloadStoreKind.Local
        : PayloadStoreKind.S3;
}
