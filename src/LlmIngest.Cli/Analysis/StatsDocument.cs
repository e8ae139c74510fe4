namespace LlmIngest.Cli.Analysis;

/// <summary>
/// What <c>stats --json</c> prints. <c>operations</c>: operations' own lines (not counted as calls);
/// <c>sampled_out</c>: calls whose payload sampling left out (counted as calls).
/// </summary>
internal sealed record StatsDocument(
    string By,
    IReadOnlyList<string> Files,
    long Lines,
    long MalformedLines,
    StatsSummary Total,
    IReadOnlyList<StatsSummary> Groups,
    long Operations,
    long SampledOut);
