namespace LlmIngest.Shipping;

/// <summary>
/// A cut of the local log recorded before it is uploaded: the bytes <c>[Start, End)</c> of one file, the instance name
/// and the sequence number of each of its segments. After a crash the same bytes are read again and go to the same
/// keys, so a segment is never lost and never stored twice.
/// </summary>
internal sealed class PendingCut
{
    public required string File { get; init; }

    public required long Start { get; init; }

    public required long End { get; init; }

    public required string Instance { get; init; }

    public required List<PendingSegment> Segments { get; init; }
}
