namespace LlmIngest;

/// <summary>
/// Totals of the calls the worker has processed in this process so far (call <see cref="ILlmTraceRecorder.FlushAsync"/>
/// first for an exact figure): calls, tokens, cost, latency and errors by type.
/// </summary>
public sealed class LlmSessionSummary
{
    /// <summary>Calls processed.</summary>
    public long Calls { get; init; }

    /// <summary>Calls that failed.</summary>
    public long Errors { get; init; }

    /// <summary>Input tokens.</summary>
    public long PromptTokens { get; init; }

    /// <summary>Output tokens.</summary>
    public long CompletionTokens { get; init; }

    /// <summary>Input plus output tokens.</summary>
    public long TotalTokens { get; init; }

    /// <summary>Reasoning tokens (part of the output tokens).</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>Cached input tokens (part of the input tokens).</summary>
    public long CachedTokens { get; init; }

    /// <summary>Cost of the calls with a known price, in US dollars.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Calls with usage whose model has no price: <see cref="CostUsd"/> leaves them out.</summary>
    public long UnpricedCalls { get; init; }

    /// <summary>Mean latency in milliseconds; 0 without calls.</summary>
    public double AverageLatencyMs { get; init; }

    /// <summary>95th percentile latency in milliseconds; 0 without calls.</summary>
    public double P95LatencyMs { get; init; }

    /// <summary>Failed calls by <c>error_type</c>.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByType { get; init; } = new Dictionary<string, long>();
}
