using LlmIngest.Capture;
using LlmIngest.Diagnostics;
using LlmIngest.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace LlmIngest.Tests.Capture;

public sealed class PricingTableTests
{
    private readonly IngestCounters _counters = new();
    private readonly FakeLogger<PricingTable> _logger = new();

    [Theory]
    [InlineData("gpt-4o-2024-08-06", 2.50, 10.00)]
    [InlineData("gpt-4o-mini-2024-07-18", 0.15, 0.60)]
    [InlineData("GPT-4o", 2.50, 10.00)]
    [InlineData("gpt-4.1-mini-2025-04-14", 0.40, 1.60)]
    [InlineData("claude-sonnet-4-6", 3.00, 15.00)]
    public void Find_MatchesDatedNamesByTheLongestPrefix(string model, double input, double output)
    {
        var price = Table().Find(model);

        Assert.NotNull(price);
        Assert.Equal(((decimal)input, (decimal)output), (price.Input, price.Output));
    }

    [Theory]
    [InlineData("gpt-4")] // only gpt-4-turbo and gpt-4o… are priced: a prefix must end at a '-', ':' or '@'
    [InlineData("gpt-4oo")]
    [InlineData("my-finetune")]
    public void Find_DoesNotMatchAPrefixThatEndsInsideAWord(string model) => Assert.Null(Table().Find(model));

    [Fact]
    public void Apply_PricesCachedInputAndReasoningTokensAtTheirOwnRates()
    {
        var table = Table(new() { ["reasoner"] = new ModelPrice { Input = 2m, CachedInput = 0.5m, Output = 8m, Reasoning = 16m } });
        var trace = new LlmTrace { Model = "reasoner-2025", PromptTokens = 1_000, CachedTokens = 400, CompletionTokens = 300, ReasoningTokens = 100 };

        table.Apply(trace);

        // 600 × 2 + 400 × 0.5 + 200 × 8 + 100 × 16 = 4,600 per million
        Assert.Equal(0.0046m, trace.CostUsd);
    }

    [Fact]
    public void Apply_WithoutCachedOrReasoningPrices_UsesTheInputAndOutputPrices()
    {
        var trace = new LlmTrace { Model = "gpt-4-turbo-2024-04-09", PromptTokens = 1_000, CachedTokens = 500, CompletionTokens = 100, ReasoningTokens = 50 };

        Table().Apply(trace);

        Assert.Equal(((1_000 * 10m) + (100 * 30m)) / 1_000_000m, trace.CostUsd);
    }

    [Fact]
    public void Apply_PrefersTheResponseModel()
    {
        var trace = new LlmTrace { Model = "my-deployment", ResponseModel = "gpt-4o-mini-2024-07-18", PromptTokens = 1_000_000, CompletionTokens = 0 };

        Table().Apply(trace);

        Assert.Equal(0.15m, trace.CostUsd);
    }

    [Fact]
    public void Apply_ForAnUnknownModel_LeavesTheCostNull_CountsEveryCall_AndWarnsOncePerModel()
    {
        var table = Table();
        for (var i = 0; i < 3; i++)
        {
            var trace = new LlmTrace { Model = "mystery-model-7b", PromptTokens = 100, CompletionTokens = 10 };
            table.Apply(trace);
            Assert.Null(trace.CostUsd);
        }

        Assert.Equal(3, _counters.CostUnknownCount);
        var warning = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Contains("mystery-model-7b", warning.Message, StringComparison.Ordinal);
        Assert.Contains("LlmIngest:Pricing", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_WithoutUsage_DoesNotCountTheCallAsUnpriced()
    {
        var trace = new LlmTrace { Model = "mystery-model-7b", Error = "boom" };

        Table().Apply(trace);

        Assert.Equal(0, _counters.CostUnknownCount);
    }

    [Fact]
    public void Pricing_FromAppsettings_OverridesADefaultAndAddsAModel()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmIngest:Pricing:gpt-4o:Input"] = "2",
            ["LlmIngest:Pricing:gpt-4o:Output"] = "9",
            ["LlmIngest:Pricing:acme-llm:Input"] = "1",
            ["LlmIngest:Pricing:acme-llm:Output"] = "3",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddLlmTraceIngest(configuration.GetSection("LlmIngest")).BuildServiceProvider();
        var table = services.GetRequiredService<PricingTable>();

        Assert.Equal((2m, 9m), (table.Find("gpt-4o-2024-08-06")!.Input, table.Find("gpt-4o-2024-08-06")!.Output));
        Assert.Equal(3m, table.Find("acme-llm-v2")!.Output);
        Assert.Equal(0.15m, table.Find("gpt-4o-mini")!.Input);
    }

    private PricingTable Table(Dictionary<string, ModelPrice>? prices = null)
    {
        var options = new LlmTraceIngestOptions();
        if (prices is not null)
        {
            options.Pricing = prices;
        }

        return new PricingTable(options.Pricing, _counters, _logger);
    }
}
