using LlmIngest.Diagnostics;
using LlmIngest.Processing;

namespace LlmIngest.Tests.Processing;

public sealed class TraceSanitizerTests
{
    [Fact]
    public void Sanitize_NonFiniteNumbersAndNegativeTokens_BecomeNullOrZero_AndAreNamedAndCounted()
    {
        var counters = new IngestCounters();
        var trace = new LlmTrace
        {
            LatencyMs = double.NaN,
            Temperature = double.PositiveInfinity,
            TopP = 0.9,
            TokensPerSec = double.NegativeInfinity,
            PromptTokens = -5,
            CompletionTokens = 7,
        };

        var fields = TraceSanitizer.Sanitize(trace, counters);

        Assert.Equal(["latency_ms", "temperature", "tokens_per_sec", "prompt_tokens"], fields);
        Assert.Equal(0, trace.LatencyMs);
        Assert.Null(trace.Temperature);
        Assert.Equal(0.9, trace.TopP);
        Assert.Null(trace.TokensPerSec);
        Assert.Null(trace.PromptTokens);
        Assert.Equal(7, trace.CompletionTokens);
        Assert.Equal(3, counters.SanitizedNonFinite);
        Assert.Equal(1, counters.SanitizedNegativeTokens);
    }

    [Fact]
    public void Sanitize_ATraceWithOrdinaryNumbers_IsLeftAlone()
    {
        var counters = new IngestCounters();
        var trace = new LlmTrace { LatencyMs = 12.5, Temperature = 0, PromptTokens = 0, TimeToFirstTokenMs = -0.0 };

        Assert.Null(TraceSanitizer.Sanitize(trace, counters));
        Assert.Equal(0, counters.SanitizedNonFinite + counters.SanitizedNegativeTokens);
    }

    [Fact]
    public void Sanitize_ValuesOutOfAnySaneRange_BecomeNullOrZero_AndAreNamedAndCountedAsOutOfRange()
    {
        var counters = new IngestCounters();
        var trace = new LlmTrace
        {
            LatencyMs = double.MaxValue,
            TimeToFirstTokenMs = -1,
            CostUsd = decimal.MaxValue,
            PromptTokens = int.MaxValue,
            CompletionTokens = TraceSanitizer.MaxTokenCount,
        };

        var fields = TraceSanitizer.Sanitize(trace, counters);

        Assert.Equal(["latency_ms", "time_to_first_token_ms", "prompt_tokens", "cost_usd"], fields);
        Assert.Equal(0, trace.LatencyMs);
        Assert.Null(trace.TimeToFirstTokenMs);
        Assert.Null(trace.CostUsd);
        Assert.Null(trace.PromptTokens);
        Assert.Equal(TraceSanitizer.MaxTokenCount, trace.CompletionTokens);
        Assert.Equal(4, counters.SanitizedOutOfRange);
        Assert.Equal(0, counters.SanitizedNonFinite + counters.SanitizedNegativeTokens);
    }

    [Fact]
    public void Sanitize_ANegativeCostOrLatency_IsOutOfRange_ButADayAndAMillionDollarsAreKept()
    {
        var counters = new IngestCounters();
        var kept = new LlmTrace { LatencyMs = TraceSanitizer.MaxDurationMs, CostUsd = TraceSanitizer.MaxCostUsd };
        var negative = new LlmTrace { LatencyMs = -0.5, CostUsd = -0.01m };

        Assert.Null(TraceSanitizer.Sanitize(kept, counters));
        Assert.Equal(["latency_ms", "cost_usd"], TraceSanitizer.Sanitize(negative, counters));
        Assert.Equal(2, counters.SanitizedOutOfRange);
    }
}
