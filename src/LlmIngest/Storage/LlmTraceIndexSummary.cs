using System.Diagnostics.CodeAnalysis;
using LlmIngest.Storage;

namespace LlmIngest;

/// <summary>
/// The small summary the hosts ship beside an index segment, so a reader can skip the segment without downloading it:
/// its line count, first and last timestamp, and Bloom filters of the <c>session_id</c> and <c>trace_id</c> values of its
/// lines (about 1% false positives, never a false negative). Read by
/// <see cref="LlmTracePayloadReader.ReadIndexSegmentSummaryAsync"/>; a segment without one may hold anything.
/// </summary>
public sealed class LlmTraceIndexSummary
{
    private readonly IndexSegmentSummary _summary;
    private readonly byte[] _bytes;

    private LlmTraceIndexSummary(IndexSegmentSummary summary, byte[] bytes)
    {
        _summary = summary;
        _bytes = bytes;
    }

    /// <summary>The number of lines in the segment.</summary>
    public long Lines => _summary.Lines;

    /// <summary>The earliest line timestamp (millisecond precision); meaningless when <see cref="Lines"/> is 0.</summary>
    public DateTimeOffset FirstTimestamp => _summary.First;

    /// <summary>The latest line timestamp (millisecond precision); meaningless when <see cref="Lines"/> is 0.</summary>
    public DateTimeOffset LastTimestamp => _summary.Last;

    /// <summary>False when no line of the segment has <paramref name="sessionId"/>; true when one may have it.</summary>
    public bool MightContainSession(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return _summary.MightContainSession(sessionId);
    }

    /// <summary>False when no line of the segment has <paramref name="traceId"/>; true when one may have it.</summary>
    public bool MightContainTrace(string traceId)
    {
        ArgumentNullException.ThrowIfNull(traceId);
        return _summary.MightContainTrace(traceId);
    }

    /// <summary>
    /// Reads a summary from the bytes of <see cref="ToArray"/> (or of the stored object); false when they are not a
    /// summary this version understands, in which case the segment must be treated as "may match".
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out LlmTraceIndexSummary? summary)
    {
        summary = IndexSegmentSummary.Parse(bytes) is { } parsed ? new LlmTraceIndexSummary(parsed, bytes.ToArray()) : null;
        return summary is not null;
    }

    /// <summary>The serialized summary, e.g. to cache it; <see cref="TryParse"/> reads it back.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();
}
