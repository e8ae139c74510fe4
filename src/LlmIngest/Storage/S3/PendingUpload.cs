namespace LlmIngest.Storage.S3;

/// <summary>An S3 object ready to upload, exactly as it will be stored: the (compressed) body, headers, metadata and tags.</summary>
internal sealed record PendingUpload
{
    public required string Key { get; init; }

    public required byte[] Body { get; init; }

    /// <summary>Null for a payload (JSON); <c>application/gzip</c> for an index segment, which has no content encoding.</summary>
    public string? ContentType { get; init; }

    public string? ContentEncoding { get; init; }

    public required Dictionary<string, string> Metadata { get; init; }

    public required Dictionary<string, string> Tags { get; init; }
}
