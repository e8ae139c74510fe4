using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace LlmIngest.Demo;

/// <summary>
/// How much traffic the demo makes: until <see cref="Count"/> model calls or for <see cref="Duration"/> (whichever comes
/// first; 120 calls when neither is given), at <see cref="Pace"/> traces per second or as fast as it can, every trace in
/// <see cref="Session"/> or each in a session of its own. A SIGTERM or Ctrl+C ends it early, gracefully.
/// </summary>
internal sealed partial record DemoRun(int? Count, TimeSpan? Duration, double? Pace, string? Session)
{
    private const int DefaultCount = 120;

    /// <summary>Reads <c>--count</c>, <c>--duration</c> (<c>90s</c>, <c>5m</c>, <c>1h</c> or <c>hh:mm:ss</c>), <c>--pace</c> and <c>--session</c>.</summary>
    public static DemoRun From(IConfiguration configuration)
    {
        var count = configuration.GetValue<int?>("count");
        var duration = configuration["duration"] is { Length: > 0 } text ? ParseDuration(text) : (TimeSpan?)null;
        var pace = configuration.GetValue<double?>("pace");
        if (pace is <= 0 or double.NaN)
        {
            throw new ArgumentException($"--pace must be a positive number of traces per second, not {pace}.");
        }

        var session = configuration["session"];
        if (session is not null && !SessionPattern().IsMatch(session))
        {
            throw new ArgumentException($"--session '{session}' is not a valid session id: 1-128 characters of [A-Za-z0-9._-] starting with a letter or digit.");
        }

        return new DemoRun(count ?? (duration is null ? DefaultCount : null), duration, pace, session);
    }

    private static TimeSpan ParseDuration(string text)
    {
        var unit = text[^1];
        if (char.IsLetter(unit) && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return unit switch
            {
                's' => TimeSpan.FromSeconds(value),
                'm' => TimeSpan.FromMinutes(value),
                'h' => TimeSpan.FromHours(value),
                _ => throw new ArgumentException($"--duration '{text}': use s, m or h (90s, 5m, 1h) or hh:mm:ss."),
            };
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new ArgumentException($"--duration '{text}': use s, m or h (90s, 5m, 1h) or hh:mm:ss.");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex SessionPattern();
}
