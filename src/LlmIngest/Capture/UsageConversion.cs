using Microsoft.Extensions.AI;

namespace LlmIngest.Capture;

/// <summary>Fills a trace's token counts (and tokens per second) from a call's usage.</summary>
internal static class UsageConversion
{
    public static void ApplyUsage(LlmTrace trace, UsageDetails? usage)
    {
        var snapshot = UsageSnapshot.From(usage);
        if (snapshot.HasValue)
        {
            ApplyUsage(trace, snapshot);
        }
    }

    public static void ApplyUsage(LlmTrace trace, UsageSnapshot usage)
    {
        trace.PromptTokens = ToInt(usage.Input);
        trace.CompletionTokens = ToInt(usage.Output);
        trace.TotalTokens = ToInt(usage.Total) ?? (trace.PromptTokens + trace.CompletionTokens);
        trace.CachedTokens = ToInt(usage.Cached);
        trace.ReasoningTokens = ToInt(usage.Reasoning);
        if (trace.CompletionTokens is { } output && trace.LatencyMs > 0)
        {
            trace.TokensPerSec = Math.Round(output / (trace.LatencyMs / 1000), 1);
        }
    }

    private static int? ToInt(long? value) => value is { } v ? (int)Math.Clamp(v, 0, int.MaxValue) : null;
}
