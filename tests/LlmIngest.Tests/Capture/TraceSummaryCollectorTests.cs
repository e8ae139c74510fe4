using LlmIngest.Capture;

namespace LlmIngest.Tests.Capture;

public sealed class TraceSummaryCollectorTests
{
    [Fact]
    public void Add_CostsPastDecimalMaxValue_SaturateInsteadOfThrowing()
    {
        var summary = new TraceSummaryCollector();
        summary.Add(new LlmTrace { CostUsd = decimal.MaxValue - 1 });
        summary.Add(new LlmTrace { CostUsd = 2.5m, PromptTokens = 1_000_000 });

        var snapshot = summary.Snapshot();
        Assert.Equal(decimal.MaxValue, snapshot.CostUsd);
        Assert.Equal(2, snapshot.Calls);
        Assert.Equal(1_000_000, snapshot.PromptTokens);
    }

    [Fact]
    public void Add_TokenCountsNearIntMaxValue_AreSummedExactlyInLong()
    {
        var summary = new TraceSummaryCollector();
        summary.Add(new LlmTrace { PromptTokens = int.MaxValue, CompletionTokens = int.MaxValue });
        summary.Add(new LlmTrace { PromptTokens = int.MaxValue });

        var snapshot = summary.Snapshot();
        Assert.Equal(3L * int.MaxValue, snapshot.TotalTokens);
        Assert.Equal(2L * int.MaxValue, snapshot.PromptTokens);
    }

    [Fact]
    public void Add_TwoLatenciesOfDoubleMaxValue_GiveAFiniteAverage()
    {
        var summary = new TraceSummaryCollector();
        summary.Add(new LlmTrace { LatencyMs = double.MaxValue });
        summary.Add(new LlmTrace { LatencyMs = double.MaxValue });
        summary.Add(new LlmTrace { LatencyMs = double.NaN });

        var snapshot = summary.Snapshot();
        Assert.True(double.IsFinite(snapshot.AverageLatencyMs), $"average {snapshot.AverageLatencyMs}");
        Assert.True(double.IsFinite(snapshot.P95LatencyMs));
    }
}
