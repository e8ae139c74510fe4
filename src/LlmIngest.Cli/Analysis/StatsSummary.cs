namespace LlmIngest.Cli.Analysis;

/// <summary>The figures of one group of calls (a model, a day, a function, or all).</summary>
internal sealed record StatsSummary(
    string Key,
    long Calls,
    long PromptTokens,
    long CompletionTokens,
    decimal CostUsd,
    long CallsWithoutCost,
    double LatencyMeanMs,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyP99Ms,
    double LatencyMaxMs,
    long Errors,
    double ErrorRate,
    IReadOnlyDictionary<string, long> ErrorsByType);
