
namespace LlmIngest.Capture;

/// <summary>
/// Accumulates <see cref="LlmSessionSummary"/> on the worker. Latencies for the p95 are kept exactly up to
/// <see cref="MaxLatencySamples"/> calls, then by reservoir sampling, so memory stays bounded in a long-running app.
/// Every sum saturates instead of overflowing: an aggregate is an optional stage and must never cost a trace.
/// </summary>
internal sealed class TraceSummaryCollector
{
    public const int MaxLatencySamples = 100_000;

    private readonly Lock _lock = new();
    private readonly List<double> _latencies = [];
    private readonly Dictionary<string, long> _errorsByType = new(StringComparer.Ordinal);
    private readonly Random _random = new(17);
    private long _calls;
    private long _errors;
    private long _promptTokens;
    private long _completionTokens;
    private long _totalTokens;
    private long _reasoningTokens;
    private long _cachedTokens;
    private long _unpriced;
    private decimal _cost;
    private double _latencySum;

    public void Add(LlmTrace trace)
    {
        // Token counts are ints; their sum is taken in long so prompt + completion near int.MaxValue stays exact.
        long prompt = trace.PromptTokens ?? 0;
        long completion = trace.CompletionTokens ?? 0;
        var latency = double.IsFinite(trace.LatencyMs) ? trace.LatencyMs : 0;
        lock (_lock)
        {
            _calls++;
            _promptTokens = Saturating(_promptTokens, prompt);
            _completionTokens = Saturating(_completionTokens, completion);
            _totalTokens = Saturating(_totalTokens, trace.TotalTokens ?? (prompt + completion));
            _reasoningTokens = Saturating(_reasoningTokens, trace.ReasoningTokens ?? 0);
            _cachedTokens = Saturating(_cachedTokens, trace.CachedTokens ?? 0);
            if (trace.CostUsd is { } cost)
            {
                _cost = Saturating(_cost, cost);
            }
            else if (trace.PromptTokens is not null || trace.CompletionTokens is not null)
            {
                _unpriced++;
            }

            if (trace.Error is not null || trace.ErrorType is not null)
            {
                _errors++;
                var type = trace.ErrorType ?? ErrorTypes.Unknown;
                _errorsByType[type] = _errorsByType.GetValueOrDefault(type) + 1;
            }

            // Two double.MaxValue latencies add up to +Infinity: the sum stops at the largest finite double instead.
            _latencySum = Math.Min(_latencySum + latency, double.MaxValue);
            if (_latencies.Count < MaxLatencySamples)
            {
                _latencies.Add(latency);
            }
            else
            {
                var slot = _random.NextInt64(_calls);
                if (slot < MaxLatencySamples)
                {
                    _latencies[(int)slot] = latency;
                }
            }
        }
    }

    public LlmSessionSummary Snapshot()
    {
        lock (_lock)
        {
            var p95 = 0.0;
            if (_latencies.Count > 0)
            {
                var sorted = _latencies.ToArray();
                Array.Sort(sorted);

                // Nearest-rank percentile: the smallest latency at or above which 5% of calls lie.
                var rank = (int)Math.Ceiling(0.95 * sorted.Length);
                p95 = sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
            }

            return new LlmSessionSummary
            {
                Calls = _calls,
                Errors = _errors,
                PromptTokens = _promptTokens,
                CompletionTokens = _completionTokens,
                TotalTokens = _totalTokens,
                ReasoningTokens = _reasoningTokens,
                CachedTokens = _cachedTokens,
                CostUsd = _cost,
                UnpricedCalls = _unpriced,
                AverageLatencyMs = _calls == 0 ? 0 : _latencySum / _calls,
                P95LatencyMs = p95,
                ErrorsByType = new Dictionary<string, long>(_errorsByType, StringComparer.Ordinal),
            };
        }
    }

    private static long Saturating(long sum, long value)
    {
        var result = unchecked(sum + value);

        // Overflow happened when both operands share a sign that the result does not.
        return ((sum ^ result) & (value ^ result)) < 0 ? (value < 0 ? long.MinValue : long.MaxValue) : result;
    }

    private static decimal Saturating(decimal sum, decimal value)
    {
        if (value > 0 && sum > decimal.MaxValue - value)
        {
            return decimal.MaxValue;
        }

        if (value < 0 && sum < decimal.MinValue - value)
        {
            return decimal.MinValue;
        }

        return sum + value;
    }
}
