namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>
/// One generated case. For a positive, <see cref="Values"/> are the spellings of the sensitive values exactly as they
/// appear in <see cref="Text"/> (JSON-escaped, URL-encoded...), and none may survive redaction. For a hard negative
/// (<see cref="Kind"/> "none"), they are the look-alikes that must survive untouched.
/// </summary>
internal sealed record GeneratedCase(string Kind, string Category, string Locale, IReadOnlyList<string> Values, string Text)
{
    public const string Negative = "none";

    public bool IsNegative => Kind == Negative;
}
