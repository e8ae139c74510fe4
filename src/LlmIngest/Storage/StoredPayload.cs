using System.Security.Cryptography;
using System.Text.Json;

namespace LlmIngest.Storage;

/// <summary>A payload read back from a store.</summary>
public sealed class StoredPayload
{
    private LlmTrace? _trace;

    /// <summary>Creates a stored payload from its key and body.</summary>
    public StoredPayload(string key, ReadOnlyMemory<byte> content)
    {
        Key = key;
        Content = content;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
    }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>The UTF-8 JSON body exactly as stored.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>The SHA-256 of <see cref="Content"/> as lowercase hex, computed on read.</summary>
    public string Sha256 { get; }

    /// <summary>The trace the body holds.</summary>
    public LlmTrace Trace => _trace ??= JsonSerializer.Deserialize(Content.Span, LlmIngestJsonContext.Relaxed.LlmTrace)
        ?? throw new InvalidDataException($"Payload {Key} holds no trace.");
}
