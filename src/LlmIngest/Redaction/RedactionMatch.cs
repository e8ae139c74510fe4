namespace LlmIngest.Redaction;

/// <summary>A span of text a detector wants replaced.</summary>
/// <param name="Start">The index of the first character.</param>
/// <param name="Length">The number of characters.</param>
/// <param name="Priority">The detector's position: lower wins when two findings overlap.</param>
/// <param name="Detector">The detector that found it.</param>
/// <param name="Rule">The context rule that admitted it (<c>ssn-keyword</c>), or null when its shape alone did.</param>
internal readonly record struct RedactionMatch(int Start, int Length, int Priority, IPiiDetector Detector, string? Rule = null)
{
    public int End => Start + Length;

    /// <summary>Where the finding is in the <see cref="NormalizedView"/> it was found in; -1 when found in the text itself.</summary>
    public int ViewStart { get; init; } = -1;

    /// <summary>Its length in that view.</summary>
    public int ViewLength { get; init; }
}
