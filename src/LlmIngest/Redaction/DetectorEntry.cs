namespace LlmIngest.Redaction;

/// <summary>A built-in detector: its configuration name, its category and how to make one.</summary>
internal sealed record DetectorEntry(string Name, DetectorCategory Category, Func<IPiiDetector> Create);
