namespace LlmIngest;

/// <summary>Options for PII and secret redaction, bound from <c>LlmIngest:Redaction</c>. Previews are always redacted.</summary>
public sealed class RedactionOptions
{
    /// <summary>Whether the full payload is redacted as well as the previews. Default true.</summary>
    public bool RedactPayloads { get; set; } = true;

    /// <summary>How findings are replaced. Default <see cref="RedactionStyle.Marker"/>.</summary>
    public RedactionStyle Style { get; set; } = RedactionStyle.Marker;

    /// <summary>
    /// The base64 HMAC key (at least 32 bytes) for <see cref="RedactionStyle.Pseudonym"/>, and for the pseudonyms that
    /// replace a <c>session_id</c> or <c>user_id</c> holding PII (without a key those are redacted instead); keep it out of
    /// source control.
    /// </summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Turns built-in detectors on or off by name (<c>"Ipv6": false</c>); every detector is on unless listed as false.</summary>
    public IDictionary<string, bool> Detectors { get; } = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra detectors: a name, a pattern and an optional marker each. They take precedence over the built-in ones.</summary>
    public IList<CustomDetectorOptions> CustomDetectors { get; } = [];

    /// <summary>Findings that are never redacted when their whole text equals one of these strings (e.g. a support address).</summary>
    public IList<string> AllowList { get; } = [];

    /// <summary>Findings that are never redacted when their whole text matches one of these regular expressions.</summary>
    public IList<string> AllowPatterns { get; } = [];
}
