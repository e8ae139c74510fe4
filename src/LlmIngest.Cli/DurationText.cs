using System.Globalization;

namespace LlmIngest.Cli;

/// <summary>Parses the durations and points in time flags take: <c>90s</c>, <c>15m</c>, <c>2h</c>, <c>7d</c>, or an ISO-8601 date/time.</summary>
internal static class DurationText
{
    public static TimeSpan ParseDuration(string text, string flag)
    {
        if (TryParseDuration(text, out var duration))
        {
            return duration;
        }

        throw new CliException(ExitCodes.Usage, $"{flag} '{text}' is not a duration: use e.g. 90s, 15m, 2h, 7d or 01:30:00.");
    }

    /// <summary>A point in time: ISO-8601 (UTC unless it says otherwise), or a duration meaning that long before <paramref name="now"/>.</summary>
    public static DateTimeOffset ParsePoint(string text, string flag, DateTimeOffset now)
    {
        if (TryParseDuration(text, out var ago))
        {
            return now - ago;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var point))
        {
            return point;
        }

        throw new CliException(ExitCodes.Usage, $"{flag} '{text}' is neither a date/time (2026-11-23, 2026-11-23T10:00:00Z) nor a duration ago (30m, 2h, 7d).");
    }

    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length >= 2 && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            TimeSpan? parsed = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(amount * 7),
                _ => null,
            };
            if (parsed is { } value)
            {
                duration = value;
                return true;
            }
        }

        return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }
}
