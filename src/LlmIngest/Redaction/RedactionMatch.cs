namespace LlmIngest.Redaction;

/// <summary>A span of text a detector wants replaced.</summary>
/// <param name="Start">The index of the first character.</param>
/// <param name="Length">The number of characters.</param>
/// <param name="Priority">The detector's position: lower wins when two findings overlap.</param>
/// <param name="Detector">The detector that found it.</param>
internal readonly record struct RedactionMatch(int Start, int Length, int Priority, IPiiDetector Detector)
{
    public int End => Start + Length;
}
