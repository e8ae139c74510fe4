namespace LlmIngest.Cli.Fleet;

/// <summary>
/// Which segments of the fleet index a command needs: the partitions (tenant, time range) and, when the command looks
/// for one session or trace, the ids a segment's summary must admit. Lines are still filtered one by one afterwards.
/// </summary>
internal sealed record FleetQuery(string? TenantId, DateTimeOffset? Since, DateTimeOffset? Until)
{
    /// <summary>Session ids (raw and pseudonym) of which a segment must possibly hold one.</summary>
    public IReadOnlyList<string> Sessions { get; init; } = [];

    public string? TraceId { get; init; }

    public bool Admits(LlmTraceIndexSummary summary)
    {
        if (!InRange(summary) || (TraceId is not null && !summary.MightContainTrace(TraceId)))
        {
            return false;
        }

        if (Sessions.Count == 0)
        {
            return true;
        }

        foreach (var session in Sessions)
        {
            if (summary.MightContainSession(session))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a line of the segment can fall in [<see cref="Since"/>, <see cref="Until"/>).</summary>
    private bool InRange(LlmTraceIndexSummary summary) =>
        summary.Lines > 0
        && (Since is not { } from || summary.LastTimestamp >= from)
        && (Until is not { } to || summary.FirstTimestamp < to);

    /// <summary>True when summaries can rule segments out: a time bound or an id to look for.</summary>
    public bool UsesSummaries => Since is not null || Until is not null || TraceId is not null || Sessions.Count > 0;
}
