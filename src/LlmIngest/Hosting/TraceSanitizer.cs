using LlmIngest.Diagnostics;

namespace LlmIngest.Hosting;

/// <summary>
/// Makes a trace's numbers representable in standard JSON before it is costed and written: NaN and ±Infinity
/// (which JSON has no literal for, and which jq and most parsers reject) become null, or 0 for the latency, and
/// negative token counts (no provider reports them) become null. Each change is counted by reason and named in the
/// line's <c>sanitized</c> field, so a bad metric is visible rather than silently fixed or fatal.
/// </summary>
internal static class TraceSanitizer
{
    public const string NonFinite = "non_finite_number";
    public const string NegativeTokens = "negative_tokens";

    /// <summary>Sanitizes <paramref name="trace"/> in place; returns the names of the fields it changed, or null.</summary>
    public static List<string>? Sanitize(LlmTrace trace, IngestCounters counters)
    {
        List<string>? fields = null;
        if (!double.IsFinite(trace.LatencyMs))
        {
            trace.LatencyMs = 0;
            Changed(ref fields, "latency_ms", NonFinite, counters);
        }

        trace.Temperature = Finite(trace.Temperature, "temperature", ref fields, counters);
        trace.TopP = Finite(trace.TopP, "top_p", ref fields, counters);
        trace.TimeToFirstTokenMs = Finite(trace.TimeToFirstTokenMs, "time_to_first_token_ms", ref fields, counters);
        trace.TokensPerSec = Finite(trace.TokensPerSec, "tokens_per_sec", ref fields, counters);
        trace.PromptTokens = NotNegative(trace.PromptTokens, "prompt_tokens", ref fields, counters);
        trace.CompletionTokens = NotNegative(trace.CompletionTokens, "completion_tokens", ref fields, counters);
        trace.TotalTokens = NotNegative(trace.TotalTokens, "total_tokens", ref fields, counters);
        trace.ReasoningTokens = NotNegative(trace.ReasoningTokens, "reasoning_tokens", ref fields, counters);
        trace.CachedTokens = NotNegative(trace.CachedTokens, "cached_tokens", ref fields, counters);
        trace.MaxTokens = NotNegative(trace.MaxTokens, "max_tokens", ref fields, counters);
        return fields;
    }

    private static double? Finite(double? value, string field, ref List<string>? fields, IngestCounters counters)
    {
        if (value is { } v && !double.IsFinite(v))
        {
            Changed(ref fields, field, NonFinite, counters);
            return null;
        }

        return value;
    }

    private static int? NotNegative(int? value, string field, ref List<string>? fields, IngestCounters counters)
    {
        if (value is < 0)
        {
            Changed(ref fields, field, NegativeTokens, counters);
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
