using LlmIngest.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Queue;

/// <summary>
/// Logs dropped traces as one summary per reason at most once per interval, so a flood of drops
/// cannot flood the app's log. The exact counts are always on the meter.
/// </summary>
internal sealed class DropReporter
{
    private static readonly DropReason[] Reasons = Enum.GetValues<DropReason>();

    private readonly IngestCounters _counters;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long _intervalTicks;
    private readonly int _capacity;
    private readonly long[] _reported = new long[Reasons.Length];
    private long _lastReport;
    private int _reporting;

    public DropReporter(IngestCounters counters, ILogger logger, TimeProvider time, TimeSpan interval, int capacity)
    {
        _counters = counters;
        _logger = logger;
        _time = time;
        _capacity = capacity;
        _intervalTicks = (long)(interval.TotalSeconds * time.TimestampFrequency);
        _lastReport = time.GetTimestamp() - _intervalTicks;
    }

    /// <summary>Why the last invalid trace was rejected: a constant string, so setting it costs nothing.</summary>
    public string LastInvalidReason { get; set; } = "it was invalid";

    /// <summary>Reports only when the interval has passed since the last report.</summary>
    public void ReportIfDue()
    {
        if (_time.GetTimestamp() - Volatile.Read(ref _lastReport) >= _intervalTicks)
        {
            ReportNow();
        }
    }

    /// <summary>Reports every drop not reported yet.</summary>
    public void ReportNow()
    {
        if (Interlocked.Exchange(ref _reporting, 1) == 1)
        {
            return;
        }

        try
        {
            Volatile.Write(ref _lastReport, _time.GetTimestamp());
            for (var i = 0; i < Reasons.Length; i++)
            {
                var total = _counters.CountOf(Reasons[i]);
                var delta = total - _reported[i];
                if (delta > 0)
                {
                    _reported[i] = total;
                    if (Reasons[i] == DropReason.Invalid)
                    {
                        IngestLog.TracesRejected(_logger, delta, LastInvalidReason);
                    }
                    else
                    {
                        IngestLog.TracesDropped(_logger, delta, ReasonName(Reasons[i]), _capacity);
                    }
                }
            }
        }
        finally
        {
            Volatile.Write(ref _reporting, 0);
        }
    }

    private static string ReasonName(DropReason reason) => reason switch
    {
        DropReason.QueueFull => "queue_full",
        DropReason.Timeout => "timeout",
        DropReason.Invalid => "invalid",
        DropReason.Stopped => "stopped",
        _ => "evicted",
    };
}
