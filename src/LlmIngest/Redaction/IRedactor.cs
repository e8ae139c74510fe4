namespace LlmIngest;

/// <summary>Removes PII and secrets from one piece of text. Implementations must be thread-safe.</summary>
public interface IRedactor
{
    /// <summary>
    /// Returns <paramref name="text"/> with every finding replaced, adding one count per finding to
    /// <paramref name="counts"/>; returns the same instance when nothing was found.
    /// </summary>
    string Redact(string text, RedactionCounts counts);
}
