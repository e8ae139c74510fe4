using System.CommandLine;

namespace LlmIngest.Cli.Logs;

/// <summary>
/// The <c>--tenant</c>, <c>--since</c> and <c>--until</c> of the summarizing commands (stats, report, sql): they prune
/// the fleet index's partitions and, for stats and report, keep only the lines inside.
/// </summary>
internal sealed class LogWindow
{
    public Option<string?> Tenant { get; } = new("--tenant", "-t") { Description = "Only this tenant's lines (and only its partitions of the fleet index)." };

    public Option<string?> Since { get; } = new("--since") { Description = "Lines at or after: 2026-11-23, 2026-11-23T10:00:00Z, or a time ago: 30m, 2h, 7d." };

    public Option<string?> Until { get; } = new("--until") { Description = "Lines before (same forms as --since)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Tenant);
        command.Options.Add(Since);
        command.Options.Add(Until);
    }

    public Fleet.FleetQuery Query(ParseResult parseResult)
    {
        var now = DateTimeOffset.UtcNow;
        return new Fleet.FleetQuery(
            parseResult.GetValue(Tenant),
            parseResult.GetValue(Since) is { } s ? DurationText.ParsePoint(s, "--since", now) : null,
            parseResult.GetValue(Until) is { } u ? DurationText.ParsePoint(u, "--until", now) : null);
    }

    public static bool Contains(Fleet.FleetQuery query, LlmTraceLogLine line) =>
        (query.TenantId is null || string.Equals(line.TenantId, query.TenantId, StringComparison.Ordinal))
        && (query.Since is not { } since || line.Timestamp >= since)
        && (query.Until is not { } until || line.Timestamp < until);
}
