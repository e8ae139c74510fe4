namespace LlmIngest.Shipping;

/// <summary>
/// What <c>{Log:Directory}/.{prefix}.ship.json</c> holds: how far the log set is shipped (a file of the set and a byte
/// offset in it), the next segment sequence number, and the cut being shipped, if any (write-ahead: recorded before its
/// first upload, cleared after its last).
/// </summary>
internal sealed class ShipCursor
{
    /// <summary>The file name (no folder) shipped up to <see cref="Offset"/>; null before the first cut.</summary>
    public string? File { get; set; }

    public long Offset { get; set; }

    public long NextSequence { get; set; }

    public PendingCut? Pending { get; set; }
}
