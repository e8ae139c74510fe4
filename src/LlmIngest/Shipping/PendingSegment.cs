namespace LlmIngest.Shipping;

/// <summary>One segment of a <see cref="PendingCut"/>: the tenant and UTC hour of its lines, and the sequence number its key carries.</summary>
internal sealed class PendingSegment
{
    public required string TenantId { get; init; }

    public required DateTime HourUtc { get; init; }

    public required long Sequence { get; init; }
}
