namespace LlmIngest.IntegrationTests.Support;

/// <summary>One call a test records, with what its stored payload must and must not contain.</summary>
internal sealed class PlannedCall(LlmTrace trace)
{
    public static readonly IReadOnlyDictionary<string, string> Markers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["email"] = "[EMAIL]",
        ["ssn"] = "[SSN]",
        ["card"] = "[CARD]",
        ["phone"] = "[PHONE]",
    };

    public LlmTrace Trace { get; } = trace;

    /// <summary>PII put into the call; none of it may reach the payload or the log line.</summary>
    public List<string> RawPii { get; } = [];

    /// <summary>The redaction kinds (<c>email</c>, <c>card</c>...) whose markers must replace <see cref="RawPii"/>.</summary>
    public HashSet<string> RedactionKinds { get; } = new(StringComparer.Ordinal);

    /// <summary>Non-ASCII text that must come back unchanged.</summary>
    public List<string> NonAsciiTexts { get; } = [];

    /// <summary>The user message as recorded, before the pipeline redacted it in place.</summary>
    public string UserMessage { get; set; } = string.Empty;

    public void AddPii(string value, string kind)
    {
        RawPii.Add(value);
        RedactionKinds.Add(kind);
    }
}
