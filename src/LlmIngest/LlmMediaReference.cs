namespace LlmIngest;

/// <summary>
/// An image, audio clip or file of a message, stored apart from the payload under its SHA-256 (once per tenant, however
/// many calls send it), or only described when media storage is off or the content is a URL the model fetched itself.
/// Media bytes are stored as sent: redaction does not read them.
/// </summary>
public sealed class LlmMediaReference
{
    /// <summary>The IANA media type, e.g. <c>image/png</c>.</summary>
    public string? MediaType { get; set; }

    /// <summary>The file name the app gave, if any.</summary>
    public string? Name { get; set; }

    /// <summary>The size in bytes; null for a URL that was not fetched.</summary>
    public long? Length { get; set; }

    /// <summary>The SHA-256 of the bytes as lowercase hex (the media object's key); null for a URL that was not fetched.</summary>
    public string? Sha256 { get; set; }

    /// <summary>Where the bytes are: <c>s3://bucket/key</c> or a file URI of the stored object, or the URL a message pointed to.</summary>
    public string? Uri { get; set; }

    /// <summary>True when the bytes were handed to the payload store under <see cref="Sha256"/> (stored or spooled for replay).</summary>
    public bool Stored { get; set; }

    /// <summary>The bytes captured on the worker, until the offloader hashes and stores them; never serialized.</summary>
    internal ReadOnlyMemory<byte>? Data { get; set; }
}
