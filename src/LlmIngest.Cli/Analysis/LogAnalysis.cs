using System.Globalization;
using LlmIngest.Sinks;

namespace LlmIngest.Cli.Analysis;

/// <summary>
/// One pass over the log lines: per-group <see cref="CallStatistics"/>, hourly calls/cost/errors and the slowest calls.
/// Memory grows with the number of calls by 8 bytes (the latency) plus the number of groups and hours, never with the
/// size of the lines.
/// </summary>
internal sealed class LogAnalysis(StatsGrouping grouping, int slowest = 20)
{
    private readonly Dictionary<string, CallStatistics> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<DateTime, TimeBucket> _hours = [];
    private readonly PriorityQueue<SlowCall, double> _slow = new();

    public StatsGrouping Grouping => grouping;

    public IReadOnlyDictionary<string, CallStatistics> Groups => _groups;

    public long Calls { get; private set; }

    public void Add(TraceLogRecord record)
    {
        Calls++;
        var key = KeyOf(record);
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new CallStatistics();
            _groups.Add(key, group);
        }

        group.Add(record);

        var utc = record.Timestamp.UtcDateTime;
        var hour = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
        if (!_hours.TryGetValue(hour, out var bucket))
        {
            bucket = new TimeBucket(hour);
            _hours.Add(hour, bucket);
        }

        bucket.Calls++;
        bucket.CostUsd += record.CostUsd ?? 0;
        if (CallStatistics.IsError(record))
        {
            bucket.Errors++;
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

    /// <summary>Groups ordered by calls (most first); days in date order.</summary>
    public List<StatsSummary> GroupSummaries()
    {
        var summaries = _groups.Select(g => g.Value.Summarize(g.Key));
        return grouping == StatsGrouping.Day
            ? [.. summaries.OrderBy(s => s.Key, StringComparer.Ordinal)]
            : [.. summaries.OrderByDescending(s => s.Calls).ThenBy(s => s.Key, StringComparer.Ordinal)];
    }

    /// <summary>Hourly buckets, merged into days when the logs span more than three days; in time order.</summary>
    public List<TimeBucket> TimeBuckets(out bool daily)
    {
        var hours = _hours.Values.OrderBy(b => b.Start).ToList();
        daily = hours.Count > 0 && (hours[^1].Start - hours[0].Start) > TimeSpan.FromDays(3);
        if (!daily)
        {
            return hours;
        }

        var days = new List<TimeBucket>();
        foreach (var hour in hours)
        {
            if (days.Count == 0 || days[^1].Start != hour.Start.Date)
            {
                days.Add(new TimeBucket(DateTime.SpecifyKind(hour.Start.Date, DateTimeKind.Utc)));
            }

            days[^1].Calls += hour.Calls;
            days[^1].Errors += hour.Errors;
            days[^1].CostUsd += hour.CostUsd;
        }

        return days;
    }

    /// <summary>The slowest calls, slowest first.</summary>
    public List<SlowCall> SlowestCalls() => [.. _slow.UnorderedItems.Select(i => i.Element).OrderByDescending(c => c.LatencyMs)];

    private string KeyOf(TraceLogRecord record) => grouping switch
    {
        StatsGrouping.Day => record.Timestamp.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        StatsGrouping.Function => record.FunctionName ?? "(none)",
        _ => record.Model ?? "(none)",
    };
}
