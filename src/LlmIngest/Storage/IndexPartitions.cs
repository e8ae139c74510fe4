namespace LlmIngest.Storage;

/// <summary>
/// Partition pruning over the index layout of <see cref="IndexKeys"/>: the listing prefixes of one tenant that cover a
/// time range (whole days as one <c>dt=</c> prefix, the partial days at either end hour by hour), so a reader lists only
/// the partitions that can hold a line of the range.
/// </summary>
internal static class IndexPartitions
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>
    /// The prefixes under <paramref name="tenantId"/> covering [<paramref name="since"/>, <paramref name="until"/>); the
    /// tenant's own prefix when there is no lower bound. Without an upper bound the range ends a day after
    /// <paramref name="now"/>, so segments of instances whose clocks run ahead are still found.
    /// </summary>
    public static List<string> Prefixes(string prefix, string tenantId, DateTimeOffset? since, DateTimeOffset? until, DateTimeOffset now)
    {
        if (since is not { } from)
        {
            return [IndexKeys.ForTenant(prefix, tenantId)];
        }

        var to = until ?? (from > now ? from : now).AddDays(1);
        var prefixes = new List<string>();
        if (to <= from)
        {
            return prefixes;
        }

        var firstHour = FloorToHour(from.UtcDateTime);
        var endHour = FloorToHour(to.UtcDateTime);
        if (endHour < to.UtcDateTime)
        {
            endHour += Hour;
        }

        for (var day = firstHour.Date; day < endHour; day = day.AddDays(1))
        {
            var dayEnd = day.AddDays(1);
            if (firstHour <= day && endHour >= dayEnd)
            {
                prefixes.Add(IndexKeys.ForDay(prefix, tenantId, DateOnly.FromDateTime(day)));
                continue;
            }

            var start = firstHour > day ? firstHour : day;
            var end = endHour < dayEnd ? endHour : dayEnd;
            for (var hour = start; hour < end; hour += Hour)
            {
                prefixes.Add(IndexKeys.ForHour(prefix, tenantId, hour));
            }
        }

        return prefixes;
    }

    /// <summary>True when a line of the hour starting at <paramref name="hourUtc"/> can fall in [since, until).</summary>
    public static bool Overlaps(DateTime hourUtc, DateTimeOffset? since, DateTimeOffset? until)
    {
        var start = new DateTimeOffset(DateTime.SpecifyKind(hourUtc, DateTimeKind.Utc));
        return (since is not { } from || start + Hour > from) && (until is not { } to || start < to);
    }

    private static DateTime FloorToHour(DateTime utc) => new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
}
