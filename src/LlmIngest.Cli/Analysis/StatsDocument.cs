namespace LlmIngest.Cli.Analysis;

/// <summary>What <c>stats --json</c> prints.</summary>
internal sealed record StatsDocument(
    string By,
    IReadOnlyList<string> Files,
    long Lines,
    long MalformedLines,
    StatsSummary Total,
    IReadOnlyList<StatsSummary> Groups);
