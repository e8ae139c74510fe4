namespace LlmIngest.Redaction;

/// <summary>Finds one kind of PII or secret in text.</summary>
internal interface IPiiDetector
{
    /// <summary>The kind counted for each finding, e.g. <c>email</c>.</summary>
    string Kind { get; }

    /// <summary>The replacement text, e.g. <c>[EMAIL]</c>.</summary>
    string Marker { get; }

    /// <summary>What a finding looks like, which decides how it is masked and pseudonymized.</summary>
    FindingShape Shape { get; }

    /// <summary>Adds the findings in <paramref name="text"/> to <paramref name="matches"/>.</summary>
    void Find(string text, int priority, List<RedactionMatch> matches);
}
