using System.Security.Cryptography;
using System.Text.Json;

namespace LlmIngest;

/// <summary>A payload read back from a store.</summary>
public sealed class StoredPayload
{
    private LlmTrace? _trace;

    /// <summary>Creates a stored payload from its key and body.</summary>
    public StoredPayload(string key, ReadOnlyMemory<byte> content, string? expectedSha256 = null)
    {
        Key = key;
        Content = content;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        ExpectedSha256 = expectedSha256;
    }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>The UTF-8 JSON body exactly as stored.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>The SHA-256 of <see cref="Content"/> as lowercase hex, computed on read.</summary>
    public string Sha256 { get; }

    /// <summary>The SHA-256 recorded with the object when it was written (S3 metadata), if the store keeps one.</summary>
    public string? ExpectedSha256 { get; }

    /// <summary>False when the store recorded a SHA-256 and the body read back does not match it.</summary>
    public bool IsIntact => ExpectedSha256 is null || string.Equals(ExpectedSha256, Sha256, StringComparison.Ordinal);

    /// <summary>The trace the body holds.</summary>
    public LlmTrace Trace => _trace ??= JsonSerializer.Deserialize(Content.Span, LlmIngestJsonContext.Relaxed.LlmTrace)
        ?? throw new InvalidDataException($"Payload {Key} holds no trace.");
}
