using LlmIngest.Capture;
using LlmIngest.Diagnostics;

namespace LlmIngest.Queue;

/// <summary>
/// The record call's checks: stamps the timestamp, ids and tenant a trace left empty, and refuses one whose ids,
/// tenant or step would be unsafe in a storage key, counting it under its reason (and reporting it) here.
/// </summary>
internal sealed class TraceStamper(IngestCounters counters, DropReporter dropReporter, TimeProvider time, string defaultTenant)
{
    private const int TenantMaxLength = 64;

    /// <summary>Stamps and validates; false when <paramref name="trace"/> was refused (and counted).</summary>
    public bool Stamp(LlmTrace? trace)
    {
        if (trace is null)
        {
            return Rejected(RejectionReason.NullTrace, null);
        }

        // One clock read serves the timestamp and a generated UUIDv7.
        if (trace.Timestamp == default)
        {
            trace.Timestamp = time.GetUtcNow();
        }

        if (trace.TraceId is null)
        {
            trace.TraceId = TraceIdentifiers.NewTraceId(trace.Timestamp);
        }
        else if (!TraceIdentifiers.IsValid(trace.TraceId))
        {
            return Rejected(RejectionReason.InvalidTraceId, trace.TraceId);
        }

        if (trace.SpanId is null)
        {
            trace.SpanId = TraceIdentifiers.NewSpanId();
        }
        else if (!TraceIdentifiers.IsValid(trace.SpanId))
        {
            return Rejected(RejectionReason.InvalidSpanId, trace.SpanId);
        }

        if (trace.ParentSpanId is not null && !TraceIdentifiers.IsValid(trace.ParentSpanId))
        {
            return Rejected(RejectionReason.InvalidParentSpanId, trace.ParentSpanId);
        }

        trace.TenantId ??= defaultTenant;
        if (!TraceIdentifiers.IsValid(trace.TenantId, TenantMaxLength))
        {
            return Rejected(RejectionReason.InvalidTenant, trace.TenantId);
        }

        if (trace.Step < 0)
        {
            return Rejected(RejectionReason.InvalidStep, null);
        }

        return true;
    }

    private bool Rejected(RejectionReason reason, string? value)
    {
        counters.Drop(DropReason.Invalid);
        dropReporter.Rejected(reason, counters.Rejected(reason), value);
        return false;
    }
}
