using LlmIngest.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Queue;

/// <summary>
/// Logs dropped traces as one summary per reason at most once per interval, so a flood of drops
/// cannot flood the app's log. The exact counts are always on the meter. Invalid traces are summarized per
/// <see cref="RejectionReason"/> (the field at fault), and the first of each reason is logged at once, with the field
/// and its value redacted, so the cause is visible when it happens rather than at the next report or at shutdown.
/// </summary>
internal sealed class DropReporter
{
    private static readonly DropReason[] Reasons = Enum.GetValues<DropReason>();
    private static readonly RejectionReason[] Rejections = Enum.GetValues<RejectionReason>();

    private readonly IngestCounters _counters;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long _intervalTicks;
    private readonly int _capacity;
    private readonly long[] _reported = new long[Reasons.Length];
    private readonly long[] _reportedRejections = new long[Rejections.Length];
    private readonly IRedactor? _redactor;
    private long _lastReport;
    private int _reporting;

    public DropReporter(IngestCounters counters, ILogger logger, TimeProvider time, TimeSpan interval, int capacity, IRedactor? redactor = null)
    {
        _redactor = redactor;
        _counters = counters;
        _logger = logger;
        _time = time;
        _capacity = capacity;
        _intervalTicks = (long)(interval.TotalSeconds * time.TimestampFrequency);
        _lastReport = time.GetTimestamp() - _intervalTicks;
    }

    /// <summary>
    /// Called once per invalid trace after it was counted (<paramref name="count"/> is its reason's new total): the first
    /// of each reason is logged at once, the others in the next summary.
    /// </summary>
    public void Rejected(RejectionReason reason, long count, string? value)
    {
        if (count == 1)
        {
            try
            {
                IngestLog.FirstRejection(_logger, FieldOf(reason), Problem(reason), ReasonName(reason), LogText.Safe(value, _redactor));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Record never throws into the app: a logger that fails on this message loses the message, not the call.
            }
        }

        ReportIfDue();
    }

    /// <summary>The counter tag of a rejection reason, e.g. <c>invalid_tenant</c>.</summary>
    public static string ReasonName(RejectionReason reason) => reason switch
    {
        RejectionReason.NullTrace => "null_trace",
        RejectionReason.InvalidTraceId => "invalid_trace_id",
        RejectionReason.InvalidSpanId => "invalid_span_id",
        RejectionReason.InvalidParentSpanId => "invalid_parent_span_id",
        RejectionReason.InvalidTenant => "invalid_tenant",
        _ => "invalid_step",
    };

    private static string FieldOf(RejectionReason reason) => reason switch
    {
        RejectionReason.NullTrace => "trace",
        RejectionReason.InvalidTraceId => "trace_id",
        RejectionReason.InvalidSpanId => "span_id",
        RejectionReason.InvalidParentSpanId => "parent_span_id",
        RejectionReason.InvalidTenant => "tenant_id",
        _ => "step",
    };

    private static string Problem(RejectionReason reason) => reason switch
    {
        RejectionReason.NullTrace => "the trace was null",
        RejectionReason.InvalidTenant =>
            "tenant_id is not 1-64 characters of [A-Za-z0-9._-] starting with a letter or digit, or is a name Windows reserves (CON, NUL, COM1, aux.txt, …) or ends with a dot",
        RejectionReason.InvalidStep => "step is negative",
        _ => FieldOf(reason) + " is not 1-128 characters of [A-Za-z0-9._-] starting with a letter or digit, or is a name Windows reserves (CON, NUL, COM1, aux.txt, …) or ends with a dot",
    };

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
                        ReportRejections();
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

    private void ReportRejections()
    {
        for (var i = 0; i < Rejections.Length; i++)
        {
            var total = _counters.RejectedCount(Rejections[i]);
            var delta = total - _reportedRejections[i];
            if (delta > 0)
            {
                _reportedRejections[i] = total;
                IngestLog.TracesRejected(_logger, delta, ReasonName(Rejections[i]) + ": " + Problem(Rejections[i]));
            }
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
