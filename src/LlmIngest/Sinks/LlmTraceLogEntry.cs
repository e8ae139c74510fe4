namespace LlmIngest;

/// <summary>One non-empty line read by <see cref="LlmTraceLogReader"/>: its text exactly as written and what it holds.</summary>
/// <param name="LineNumber">The line's number in its file or stream, from 1 (empty lines count).</param>
/// <param name="Text">The line's text exactly as written, without the line break.</param>
/// <param name="Line">The parsed line, or null when the text is not a valid <see cref="LlmTraceLogLine"/>.</param>
public readonly record struct LlmTraceLogEntry(long LineNumber, string Text, LlmTraceLogLine? Line)
{
    /// <summary>True when the text is not a valid line (bad JSON, a missing required field, a bad value).</summary>
    public bool IsMalformed => Line is null;
}
