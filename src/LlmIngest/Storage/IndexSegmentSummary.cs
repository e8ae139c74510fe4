using System.Buffers.Binary;

namespace LlmIngest.Storage;

/// <summary>
/// What a reader needs to skip an index segment without downloading it: Bloom filters of the <c>session_id</c> and
/// <c>trace_id</c> values of its lines (about 1% false positives, never a false negative), the first and last
/// timestamp and the line count. Stored beside the segment under <see cref="IndexKeys.ForSummary"/>; a segment without
/// a summary may hold anything. Binary: the magic <c>LTIS</c>, a version byte, then the fields little-endian.
/// </summary>
internal sealed class IndexSegmentSummary
{
    public const byte CurrentVersion = 1;

    private static ReadOnlySpan<byte> Magic => "LTIS"u8;

    private readonly IndexBloomFilter _sessions;
    private readonly IndexBloomFilter _traces;

    private IndexSegmentSummary(long lines, DateTimeOffset first, DateTimeOffset last, IndexBloomFilter sessions, IndexBloomFilter traces)
    {
        Lines = lines;
        First = first;
        Last = last;
        _sessions = sessions;
        _traces = traces;
    }

    public long Lines { get; }

    /// <summary>The earliest line timestamp (millisecond precision).</summary>
    public DateTimeOffset First { get; }

    /// <summary>The latest line timestamp (millisecond precision).</summary>
    public DateTimeOffset Last { get; }

    /// <summary>The summary of a segment's lines, serialized.</summary>
    public static byte[] Build(IEnumerable<LlmTraceLogLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sessions = new HashSet<string>(StringComparer.Ordinal);
        var traces = new HashSet<string>(StringComparer.Ordinal);
        long count = 0;
        long first = long.MaxValue, last = long.MinValue;
        foreach (var line in lines)
        {
            count++;
            var at = line.Timestamp.ToUnixTimeMilliseconds();
            first = Math.Min(first, at);
            last = Math.Max(last, at);
            traces.Add(line.TraceId);
            if (line.SessionId is { } session)
            {
                sessions.Add(session);
            }
        }

        if (count == 0)
        {
            first = last = 0;
        }

        var sessionFilter = IndexBloomFilter.For(sessions.Count);
        foreach (var session in sessions)
        {
            sessionFilter.Add(session);
        }

        var traceFilter = IndexBloomFilter.For(traces.Count);
        foreach (var trace in traces)
        {
            traceFilter.Add(trace);
        }

        var bytes = new byte[Magic.Length + 1 + (3 * sizeof(long)) + sessionFilter.SerializedLength + traceFilter.SerializedLength];
        Magic.CopyTo(bytes);
        var at2 = Magic.Length;
        bytes[at2++] = CurrentVersion;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at2), count);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at2 + 8), first);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at2 + 16), last);
        at2 += 24;
        at2 += sessionFilter.WriteTo(bytes.AsSpan(at2));
        traceFilter.WriteTo(bytes.AsSpan(at2));
        return bytes;
    }

    /// <summary>Reads a summary; null when the bytes are not one this version understands (treat the segment as "may match").</summary>
    public static IndexSegmentSummary? Parse(ReadOnlySpan<byte> bytes)
    {
        const int header = 4 + 1 + 24;
        if (bytes.Length < header || !bytes[..Magic.Length].SequenceEqual(Magic) || bytes[Magic.Length] != CurrentVersion)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt64LittleEndian(bytes[5..]);
        var first = BinaryPrimitives.ReadInt64LittleEndian(bytes[13..]);
        var last = BinaryPrimitives.ReadInt64LittleEndian(bytes[21..]);
        var rest = bytes[header..];
        if (count < 0 || !IndexBloomFilter.TryRead(ref rest, out var sessions) || !IndexBloomFilter.TryRead(ref rest, out var traces) || !rest.IsEmpty)
        {
            return null;
        }

        try
        {
            return new IndexSegmentSummary(count, DateTimeOffset.FromUnixTimeMilliseconds(first), DateTimeOffset.FromUnixTimeMilliseconds(last), sessions, traces);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    public bool MightContainSession(string sessionId) => _sessions.MightContain(sessionId);

    public bool MightContainTrace(string traceId) => _traces.MightContain(traceId);

    /// <summary>True when a line of the segment can fall in [since, until).</summary>
    public bool InRange(DateTimeOffset? since, DateTimeOffset? until) =>
        Lines > 0 && (since is not { } from || Last >= from) && (until is not { } to || First < to);
}
