namespace LlmIngest;

/// <summary>
/// Images, audio and files inside messages: stored apart from the payload under <c>{prefix}/{tenant}/_media/{sha256}</c>,
/// once per tenant. Their bytes are stored as sent (redaction reads text, not images).
/// </summary>
public sealed class MediaOptions
{
    /// <summary>Store the bytes, or keep only a reference. Default <see cref="MediaStorageMode.Store"/>.</summary>
    public MediaStorageMode Mode { get; set; } = MediaStorageMode.Store;

    /// <summary>
    /// A base64 <c>data:</c> URI in a message's text with at least this many base64 characters is offloaded and replaced
    /// by a short marker naming the reference. Default 1024.
    /// </summary>
    public int MinDataUriLength { get; set; } = 1024;

    /// <summary>The retention class of media objects (a key of <c>Storage:Retention:Classes</c>). Default <c>media</c>.</summary>
    public string RetentionClass { get; set; } = "media";
}
