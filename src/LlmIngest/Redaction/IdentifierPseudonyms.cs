namespace LlmIngest.Redaction;

/// <summary>
/// Keyed pseudonyms for identifiers apps join on (<c>session_id</c>, <c>user_id</c>): <c>[ID:</c> + 12 characters of the
/// HMAC-SHA256 of the whole value + <c>]</c>. The key is <c>LlmIngest:Redaction:PseudonymKey</c>, so every instance
/// (and <c>llmtrace find --user</c>) computes the same pseudonym for the same value, and joins still work.
/// </summary>
internal sealed class IdentifierPseudonyms : IDisposable
{
    public const string Prefix = "[ID:";

    private readonly KeyedPseudonymizer _pseudonymizer;

    public IdentifierPseudonyms(string base64Key) => _pseudonymizer = new KeyedPseudonymizer(base64Key);

    /// <summary>The pseudonyms of the configured key, or null when no key is configured.</summary>
    public static IdentifierPseudonyms? Create(RedactionOptions options) =>
        string.IsNullOrWhiteSpace(options.PseudonymKey) ? null : new IdentifierPseudonyms(options.PseudonymKey);

    public string Pseudonym(string value)
    {
        Span<char> token = stackalloc char[KeyedPseudonymizer.TokenLength];
        _pseudonymizer.Write(value, token);
        return string.Concat(Prefix, token, "]");
    }

    public void Dispose() => _pseudonymizer.Dispose();
}
