namespace LlmIngest.Redaction;

/// <summary>Options for PII and secret redaction. Previews are always redacted.</summary>
public sealed class RedactionOptions
{
    /// <summary>Whether the full payload is redacted as well as the previews. Default true.</summary>
    public bool RedactPayloads { get; set; } = true;
}
