using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace LlmIngest.Tests.Telemetry;

/// <summary>The GenAI histograms are recorded on the worker, with the convention's names, units and attributes; off, not at all.</summary>
[Collection(OpenTelemetryTests.Name)]
public sealed class GenAiMetricsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ACall_RecordsItsDurationAndTokenUsage_OnlyWhenOn(bool enabled)
    {
        await using var otel = await TelemetryHarness.StartAsync(enabled: enabled);
        var meters = otel.Host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var duration = new MetricCollector<double>(meters, LlmTraceOpenTelemetry.MeterName, "gen_ai.client.operation.duration");
        using var tokens = new MetricCollector<int>(meters, LlmTraceOpenTelemetry.MeterName, "gen_ai.client.token.usage");
        var inner = new CannedChatClient("openai")
        {
            Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
            {
                ModelId = "gpt-4o-mini-2024-07-18",
                Usage = new UsageDetails { InputTokenCount = 321, OutputTokenCount = 45 },
            },
        };

        await otel.Client(inner, b => b.UseLlmTraceIngest()).GetResponseAsync("hi", new ChatOptions { ModelId = "gpt-4o-mini" });
        await otel.FlushAsync();

        if (!enabled)
        {
            Assert.Empty(duration.GetMeasurementSnapshot());
            Assert.Empty(tokens.GetMeasurementSnapshot());
            return;
        }

        var measured = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.True(measured.Value >= 0);
        Assert.Equal("chat", measured.Tags["gen_ai.operation.name"]);
        Assert.Equal("openai", measured.Tags["gen_ai.provider.name"]);
        Assert.Equal("gpt-4o-mini", measured.Tags["gen_ai.request.model"]);
        Assert.Equal("gpt-4o-mini-2024-07-18", measured.Tags["gen_ai.response.model"]);
        Assert.Equal("s", duration.Instrument!.Unit);

        var usage = tokens.GetMeasurementSnapshot();
        Assert.Equal(321, Assert.Single(usage, m => (string?)m.Tags["gen_ai.token.type"] == "input").Value);
        Assert.Equal(45, Assert.Single(usage, m => (string?)m.Tags["gen_ai.token.type"] == "output").Value);
        Assert.Equal("{token}", tokens.Instrument!.Unit);
    }

    [Fact]
    public async Task AFailedCall_RecordsItsDurationWithTheErrorType()
    {
        await using var otel = await TelemetryHarness.StartAsync();
        var meters = otel.Host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var duration = new MetricCollector<double>(meters, LlmTraceOpenTelemetry.MeterName, "gen_ai.client.operation.duration");

        await Assert.ThrowsAsync<TimeoutException>(() => otel.Client(new CannedChatClient { Failure = new TimeoutException("slow") }, b => b.UseLlmTraceIngest()).GetResponseAsync("hi"));
        await otel.FlushAsync();

        Assert.Equal("timeout", Assert.Single(duration.GetMeasurementSnapshot()).Tags["error.type"]);
    }
}
