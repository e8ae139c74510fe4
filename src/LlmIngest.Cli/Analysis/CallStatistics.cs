namespace LlmIngest.Cli.Analysis;

/// <summary>
/// Running figures of a set of calls. Latency percentiles are exact: every latency is kept in a compact list of
/// doubles (8 bytes a call, 8 MB per million) and sorted once at the end; everything else is a running sum.
/// </summary>
internal sealed class CallStatistics
{
    private readonly List<double> _latencies = [];

    public long Calls { get; private set; }

    public long PromptTokens { get; private set; }

    public long CompletionTokens { get; private set; }

    public decimal CostUsd { get; private set; }

    public long CallsWithoutCost { get; private set; }

    public long Errors { get; private set; }

    public double LatencySumMs { get; private set; }

    public Dictionary<string, long> ErrorsByType { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<double> Latencies => _latencies;

    public static bool IsError(LlmTraceLogLine record) => record.ErrorType is not null || record.Error is not null;

    public static string ErrorTypeOf(LlmTraceLogLine record) => record.ErrorType ?? "unknown";

    public void Add(LlmTraceLogLine record)
    {
        Calls++;
        PromptTokens += record.PromptTokens ?? 0;
        CompletionTokens += record.CompletionTokens ?? 0;
        if (record.CostUsd is { } cost)
        {
            CostUsd += cost;
        }
        else
        {
            CallsWithoutCost++;
        }

        LatencySumMs += record.LatencyMs;
        _latencies.Add(record.LatencyMs);
        if (IsError(record))
        {
            Errors++;
            var type = ErrorTypeOf(record);
            ErrorsByType[type] = ErrorsByType.GetValueOrDefault(type) + 1;
        }
    }

    /// <summary>The figures, with percentiles by the nearest-rank method over the sorted latencies.</summary>
    public StatsSummary Summarize(string key) => Summarize(key, this, SortedLatencies());

    /// <summary>The figures of several groups together (the total), without keeping a second copy during the scan.</summary>
    public static StatsSummary Total(IReadOnlyCollection<CallStatistics> groups) => Total(groups, out _);

    /// <summary>As <see cref="Total(IReadOnlyCollection{CallStatistics})"/>, also handing out all latencies sorted.</summary>
    public static StatsSummary Total(IReadOnlyCollection<CallStatistics> groups, out double[] sortedLatencies)
    {
        var total = new CallStatistics();
        var count = 0;
        foreach (var group in groups)
        {
            count += group._latencies.Count;
        }

        var latencies = new double[count];
        var at = 0;
        foreach (var group in groups)
        {
            group._latencies.CopyTo(latencies, at);
            at += group._latencies.Count;
            total.Calls += group.Calls;
            total.PromptTokens += group.PromptTokens;
            total.CompletionTokens += group.CompletionTokens;
            total.CostUsd += group.CostUsd;
            total.CallsWithoutCost += group.CallsWithoutCost;
            total.Errors += group.Errors;
            total.LatencySumMs += group.LatencySumMs;
            foreach (var (type, n) in group.ErrorsByType)
            {
                total.ErrorsByType[type] = total.ErrorsByType.GetValueOrDefault(type) + n;
            }
        }

        Array.Sort(latencies);
        sortedLatencies = latencies;
        return Summarize("all", total, latencies);
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least p% of the values at or below it.</summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private double[] SortedLatencies()
    {
        var sorted = _latencies.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static StatsSummary Summarize(string key, CallStatistics s, double[] sorted)
    {
        var errors = s.ErrorsByType.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        return new StatsSummary(
            key,
            s.Calls,
            s.PromptTokens,
            s.CompletionTokens,
            s.CostUsd,
            s.CallsWithoutCost,
            s.Calls == 0 ? 0 : s.LatencySumMs / s.Calls,
            Percentile(sorted, 50),
            Percentile(sorted, 95),
            Percentile(sorted, 99),
            sorted.Length == 0 ? 0 : sorted[^1],
            s.Errors,
            s.Calls == 0 ? 0 : (double)s.Errors / s.Calls,
            errors);
    }
}
