using System.Collections.Concurrent;
using LlmIngest.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Capture;

/// <summary>
/// Prices a trace from its usage. A model name matches the longest configured name that equals it or is followed in
/// it by <c>-</c>, <c>:</c> or <c>@</c> (<c>gpt-4o-2024-08-06</c> → <c>gpt-4o</c>, never <c>gpt-4</c>). A model
/// with no price is costed as unknown (null), counted, and logged once per name; never guessed.
/// </summary>
internal sealed class PricingTable
{
    private const int MaxLoggedUnknownModels = 256;

    private readonly KeyValuePair<string, ModelPrice>[] _prices;
    private readonly ConcurrentDictionary<string, ModelPrice?> _resolved = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _warned = new(StringComparer.OrdinalIgnoreCase);
    private readonly IngestCounters _counters;
    private readonly ILogger _logger;
    private readonly IRedactor? _redactor;

    public PricingTable(IEnumerable<KeyValuePair<string, ModelPrice>> prices, IngestCounters counters, ILogger<PricingTable> logger, IRedactor? redactor = null)
    {
        _prices = [.. prices];
        _counters = counters;
        _logger = logger;
        _redactor = redactor;
    }

    /// <summary>Sets <see cref="LlmTrace.CostUsd"/> when the trace has usage and its model has a price.</summary>
    public void Apply(LlmTrace trace)
    {
        if (trace.CostUsd is not null || (trace.PromptTokens is null && trace.CompletionTokens is null))
        {
            return;
        }

        var price = Find(trace.ResponseModel) ?? Find(trace.Model);
        if (price is null)
        {
            var name = trace.ResponseModel ?? trace.Model ?? "(none)";
            _counters.CostUnknown();
            if (_warned.Count < MaxLoggedUnknownModels && _warned.TryAdd(name, 0))
            {
                IngestLog.UnknownModelPrice(_logger, LogText.Safe(name, _redactor));
            }

            return;
        }

        trace.CostUsd = Cost(price, trace.PromptTokens ?? 0, trace.CachedTokens ?? 0, trace.CompletionTokens ?? 0, trace.ReasoningTokens ?? 0);
    }

    public ModelPrice? Find(string? model) =>
        string.IsNullOrEmpty(model) ? null : _resolved.GetOrAdd(model, static (name, prices) => Match(prices, name), _prices);

    public static decimal Cost(ModelPrice price, int promptTokens, int cachedTokens, int completionTokens, int reasoningTokens)
    {
        cachedTokens = Math.Clamp(cachedTokens, 0, Math.Max(promptTokens, 0));
        reasoningTokens = Math.Clamp(reasoningTokens, 0, Math.Max(completionTokens, 0));
        var usd = ((promptTokens - cachedTokens) * price.Input)
            + (cachedTokens * (price.CachedInput ?? price.Input))
            + ((completionTokens - reasoningTokens) * price.Output)
            + (reasoningTokens * (price.Reasoning ?? price.Output));
        return Math.Round(usd / 1_000_000m, 10);
    }

    private static ModelPrice? Match(KeyValuePair<string, ModelPrice>[] prices, string model)
    {
        ModelPrice? best = null;
        var bestLength = -1;
        foreach (var (name, price) in prices)
        {
            if (name.Length <= bestLength || !model.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (model.Length == name.Length || model[name.Length] is '-' or ':' or '@')
            {
                best = price;
                bestLength = name.Length;
            }
        }

        return best;
    }

    /// <summary>List prices (USD per million tokens) of common models; override or extend them in <c>LlmIngest:Pricing</c>.</summary>
    public static Dictionary<string, ModelPrice> Defaults() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["gpt-4o"] = Price(2.50m, 1.25m, 10.00m),
        ["gpt-4o-mini"] = Price(0.15m, 0.075m, 0.60m),
        ["gpt-4.1"] = Price(2.00m, 0.50m, 8.00m),
        ["gpt-4.1-mini"] = Price(0.40m, 0.10m, 1.60m),
        ["gpt-4.1-nano"] = Price(0.10m, 0.025m, 0.40m),
        ["gpt-4-turbo"] = Price(10.00m, null, 30.00m),
        ["gpt-3.5-turbo"] = Price(0.50m, null, 1.50m),
        ["gpt-5"] = Price(1.25m, 0.125m, 10.00m),
        ["gpt-5-mini"] = Price(0.25m, 0.025m, 2.00m),
        ["gpt-5-nano"] = Price(0.05m, 0.005m, 0.40m),
        ["o1"] = Price(15.00m, 7.50m, 60.00m),
        ["o1-mini"] = Price(1.10m, 0.55m, 4.40m),
        ["o3"] = Price(2.00m, 0.50m, 8.00m),
        ["o3-mini"] = Price(1.10m, 0.55m, 4.40m),
        ["o4-mini"] = Price(1.10m, 0.275m, 4.40m),
        ["claude-opus-4"] = Price(15.00m, 1.50m, 75.00m),
        ["claude-sonnet-4"] = Price(3.00m, 0.30m, 15.00m),
        ["claude-3-7-sonnet"] = Price(3.00m, 0.30m, 15.00m),
        ["claude-3-5-sonnet"] = Price(3.00m, 0.30m, 15.00m),
        ["claude-haiku-4-5"] = Price(1.00m, 0.10m, 5.00m),
        ["claude-3-5-haiku"] = Price(0.80m, 0.08m, 4.00m),
    };

    private static ModelPrice Price(decimal input, decimal? cachedInput, decimal output) =>
        new() { Input = input, CachedInput = cachedInput, Output = output };
}
