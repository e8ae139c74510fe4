using System.Globalization;

namespace LlmIngest.Cli.Analysis;

/// <summary>
/// One pass over the log lines: per-group <see cref="CallStatistics"/>, hourly calls/cost/errors and the slowest calls.
/// Memory grows with the number of calls by 8 bytes (the latency) plus the number of groups and hours, never with the
/// size of the lines.
/// </summary>
internal sealed class LogAnalysis(StatsGrouping grouping, int slowest = 20)
{
    private readonly Dictionary<string, CallStatistics> _groups = new(StringComparer.Ordinal);
    private const int MaxMinuteBuckets = 7 * 24 * 60;

    private readonly Dictionary<DateTime, TimeBucket> _hours = [];
    private Dictionary<DateTime, TimeBucket>? _minutes = [];
    private readonly PriorityQueue<SlowCall, double> _slow = new();

    public StatsGrouping Grouping => grouping;

    public IReadOnlyDictionary<string, CallStatistics> Groups => _groups;

    public long Calls { get; private set; }

    /// <summary>Operations' own lines seen (agent runs); they sum calls that have lines of their own, so they are not counted as calls.</summary>
    public long Operations { get; private set; }

    /// <summary>Calls whose line says sampling left their payload out (<c>sampled_out:true</c>); counted as calls too.</summary>
    public long SampledOut { get; private set; }

    public void Add(LlmTraceLogLine record)
    {
        if (record.IsOperation)
        {
            Operations++;
            return;
        }

        Calls++;
        if (record.SampledOut == true)
        {
            SampledOut++;
        }

        var key = KeyOf(record);
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new CallStatistics();
            _groups.Add(key, group);
        }

        group.Add(record);

        var utc = record.Timestamp.UtcDateTime;
        var failed = CallStatistics.IsError(record);
        Count(_hours, new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc), record, failed);
        if (_minutes is not null)
        {
            Count(_minutes, new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc), record, failed);

            // Minutes only matter for logs of a few hours; past a week of them, hours and days are what the charts use.
            if (_minutes.Count > MaxMinuteBuckets)
            {
                _minutes = null;
            }
        }

        if (slowest > 0 && (_slow.Count < slowest || (_slow.TryPeek(out _, out var fastest) && record.LatencyMs > fastest)))
        {
            if (_slow.Count >= slowest)
            {
                _slow.Dequeue();
            }

            _slow.Enqueue(
                new SlowCall(record.TraceId, record.SpanId, record.Step, record.TenantId, record.Timestamp, record.Model, record.FunctionName, record.LatencyMs, record.ErrorType ?? (record.Error is null ? null : "unknown"), record.InputPreview),
                record.LatencyMs);
        }
    }

    public StatsSummary Total() => CallStatistics.Total(_groups.Values);

    public StatsSummary Total(out double[] sortedLatencies) => CallStatistics.Total(_groups.Values, out sortedLatencies);

    /// <summary>Groups ordered by calls (most first); days in date order.</summary>
    public List<StatsSummary> GroupSummaries()
    {
        var summaries = _groups.Select(g => g.Value.Summarize(g.Key));
        return grouping == StatsGrouping.Day
            ? [.. summaries.OrderBy(s => s.Key, StringComparer.Ordinal)]
            : [.. summaries.OrderByDescending(s => s.Calls).ThenBy(s => s.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Buckets in time order, sized to the span of the logs: minutes up to an hour, 5 minutes up to 6 hours, hours up to
    /// 3 days, days beyond. Empty buckets in between are included, so gaps show.
    /// </summary>
    public List<TimeBucket> TimeBuckets(out TimeSpan size)
    {
        size = TimeSpan.FromDays(1);
        if (_hours.Count == 0)
        {
            return [];
        }

        var first = _hours.Keys.Min();
        var last = _hours.Keys.Max();
        var span = last - first;
        Dictionary<DateTime, TimeBucket> source;
        if (_minutes is not null && span <= TimeSpan.FromHours(6))
        {
            source = _minutes;
            size = span <= TimeSpan.FromHours(1) ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(5);
        }
        else
        {
            source = _hours;
            size = span <= TimeSpan.FromDays(3) ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        }

        var merged = new SortedDictionary<DateTime, TimeBucket>();
        foreach (var bucket in source.Values)
        {
            var start = new DateTime(bucket.Start.Ticks - (bucket.Start.Ticks % size.Ticks), DateTimeKind.Utc);
            if (!merged.TryGetValue(start, out var target))
            {
                target = new TimeBucket(start);
                merged.Add(start, target);
            }

            target.Calls += bucket.Calls;
            target.Errors += bucket.Errors;
            target.CostUsd += bucket.CostUsd;
        }

        var result = new List<TimeBucket>();
        for (var at = merged.Keys.First(); at <= merged.Keys.Last(); at += size)
        {
            result.Add(merged.TryGetValue(at, out var bucket) ? bucket : new TimeBucket(at));
        }

        return result;
    }

    private static void Count(Dictionary<DateTime, TimeBucket> buckets, DateTime start, LlmTraceLogLine record, bool failed)
    {
        if (!buckets.TryGetValue(start, out var bucket))
        {
            bucket = new TimeBucket(start);
            buckets.Add(start, bucket);
        }

        bucket.Calls++;
        bucket.CostUsd += record.CostUsd ?? 0;
        if (failed)
        {
            bucket.Errors++;
        }
    }

    /// <summary>The slowest calls, slowest first.</summary>
    public List<SlowCall> SlowestCalls() => [.. _slow.UnorderedItems.Select(i => i.Element).OrderByDescending(c => c.LatencyMs)];

    private string KeyOf(LlmTraceLogLine record) => grouping switch
    {
        StatsGrouping.Day => record.Timestamp.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        StatsGrouping.Function => record.FunctionName ?? "(none)",
        _ => record.Model ?? "(none)",
    };
}
