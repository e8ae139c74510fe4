namespace LlmIngest.Storage;

/// <summary>
/// A payload store that also keeps media objects (the built-in S3 and local-folder stores). A custom
/// <see cref="IPayloadStore"/> without it gets references only.
/// </summary>
internal interface IMediaStore
{
    /// <summary>Where a media object is (or will be): <c>s3://bucket/key</c> or a file URI.</summary>
    string GetMediaUri(string tenantId, string sha256);

    /// <summary>Writes one media object, create-only: the same content again is success.</summary>
    Task WriteMediaAsync(MediaObject media, CancellationToken cancellationToken);

    /// <summary>Reads one media object, or null when it does not exist.</summary>
    Task<StoredPayload?> ReadMediaAsync(string tenantId, string sha256, CancellationToken cancellationToken);
}
