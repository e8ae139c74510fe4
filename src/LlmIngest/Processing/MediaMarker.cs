using System.Globalization;

namespace LlmIngest.Processing;

/// <summary>The short text that stands in a message for an offloaded data URI: <c>[media image/png 5.0 MiB sha256:ab12cd34ef56…]</c>.</summary>
internal static class MediaMarker
{
    public static string For(string mediaType, long length, string sha256) =>
        string.Create(CultureInfo.InvariantCulture, $"[media {mediaType} {Size(length)} sha256:{sha256.AsSpan(0, Math.Min(12, sha256.Length))}…]");

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.0} GiB"),
    };
}
