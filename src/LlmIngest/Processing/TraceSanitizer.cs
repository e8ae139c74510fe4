using LlmIngest.Diagnostics;

namespace LlmIngest.Processing;

/// <summary>
/// Makes a trace's numbers representable in standard JSON and safe to aggregate before it is costed and written:
/// NaN and ±Infinity (which JSON has no literal for, and which jq and most parsers reject) become null, or 0 for the
/// latency; negative token counts (no provider reports them) become null; and caller values out of any sane range
/// (a cost outside 0–<see cref="MaxCostUsd"/>, a latency outside 0 ms–a day, a token count above
/// <see cref="MaxTokenCount"/>) become null, or 0 for the latency. Each change is counted by reason and named in the
/// line's <c>sanitized</c> field, so a bad metric is visible rather than silently fixed or fatal.
/// </summary>
/// <remarks>
/// This runs on the worker, not in <c>Record</c>: the record call stays a stamp-validate-enqueue, and a value fixed a
/// few milliseconds later is just as fixed in the line, the payload and the session summary.
/// </remarks>
internal static class TraceSanitizer
{
    /// <summary>The largest cost of one call taken as given (USD); beyond it the value is a bug, not a bill.</summary>
    public const decimal MaxCostUsd = 1_000_000m;

    /// <summary>The longest latency or time to first token taken as given: one day in milliseconds.</summary>
    public const double MaxDurationMs = 24 * 60 * 60 * 1000;

    /// <summary>
    /// The largest token count of one call taken as given: above every model's context, and below
    /// <see cref="int.MaxValue"/>, which is what a provider's long count clamped into an int looks like.
    /// </summary>
    public const int MaxTokenCount = 1_000_000_000;

    /// <summary>Sanitizes <paramref name="trace"/> in place; returns the names of the fields it changed, or null.</summary>
    public static List<string>? Sanitize(LlmTrace trace, IngestCounters counters)
    {
        List<string>? fields = null;
        if (!double.IsFinite(trace.LatencyMs))
        {
            trace.LatencyMs = 0;
            Changed(ref fields, "latency_ms", SanitizeReasons.NonFinite, counters);
        }
        else if (trace.LatencyMs is < 0 or > MaxDurationMs)
        {
            trace.LatencyMs = 0;
            Changed(ref fields, "latency_ms", SanitizeReasons.OutOfRange, counters);
        }

        trace.Temperature = Finite(trace.Temperature, "temperature", ref fields, counters);
        trace.TopP = Finite(trace.TopP, "top_p", ref fields, counters);
        trace.TimeToFirstTokenMs = Finite(trace.TimeToFirstTokenMs, "time_to_first_token_ms", ref fields, counters);
        if (trace.TimeToFirstTokenMs is < 0 or > MaxDurationMs)
        {
            trace.TimeToFirstTokenMs = null;
            Changed(ref fields, "time_to_first_token_ms", SanitizeReasons.OutOfRange, counters);
        }

        trace.TokensPerSec = Finite(trace.TokensPerSec, "tokens_per_sec", ref fields, counters);
        trace.PromptTokens = Count(trace.PromptTokens, "prompt_tokens", ref fields, counters);
        trace.CompletionTokens = Count(trace.CompletionTokens, "completion_tokens", ref fields, counters);
        trace.TotalTokens = Count(trace.TotalTokens, "total_tokens", ref fields, counters);
        trace.ReasoningTokens = Count(trace.ReasoningTokens, "reasoning_tokens", ref fields, counters);
        trace.CachedTokens = Count(trace.CachedTokens, "cached_tokens", ref fields, counters);
        trace.MaxTokens = Count(trace.MaxTokens, "max_tokens", ref fields, counters);
        if (trace.CostUsd is < 0 or > MaxCostUsd)
        {
            trace.CostUsd = null;
            Changed(ref fields, "cost_usd", SanitizeReasons.OutOfRange, counters);
        }

        return fields;
    }

    private static double? Finite(double? value, string field, ref List<string>? fields, IngestCounters counters)
    {
        if (value is { } v && !double.IsFinite(v))
        {
            Changed(ref fields, field, SanitizeReasons.NonFinite, counters);
            return null;
        }

        return value;
    }

    private static int? Count(int? value, string field, ref List<string>? fields, IngestCounters counters)
    {
        if (value is < 0)
        {
            Changed(ref fields, field, SanitizeReasons.NegativeTokens, counters);
            return null;
        }

        if (value is > MaxTokenCount)
        {
            Changed(ref fields, field, SanitizeReasons.OutOfRange, counters);
            return null;
        }

        return value;
    }

    private static void Changed(ref List<string>? fields, string field, string reason, IngestCounters counters)
    {
        (fields ??= []).Add(field);
        counters.Sanitized(reason);
    }
}
