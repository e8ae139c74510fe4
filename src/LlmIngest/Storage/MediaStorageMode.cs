namespace LlmIngest;

/// <summary>What happens to the bytes of an image, audio clip or file in a message.</summary>
public enum MediaStorageMode
{
    /// <summary>Stored once per tenant as a content-addressed object; the payload holds a reference.</summary>
    Store = 0,

    /// <summary>Only the reference is kept (media type, size, SHA-256): no bytes leave the process.</summary>
    ReferenceOnly = 1,
}
