using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace LlmIngest.Sampling;

/// <summary>
/// The deterministic keep-or-drop of a trace id at a rate. A 32-hex W3C trace id follows OpenTelemetry .NET's
/// <c>TraceIdRatioBasedSampler</c>: its first 8 bytes as a big-endian long, sign bit cleared, kept when below
/// rate × <see cref="long.MaxValue"/> — so the library keeps exactly the traces an OTel SDK at the same ratio samples.
/// Any other id (and a UUIDv7 the library generated, whose leading bytes are a timestamp, not random) is hashed with
/// XxHash64 (seed 0) over its UTF-8 bytes and compared the same way.
/// </summary>
internal static class TraceIdRatio
{
    // UUIDv7 ids whose time field is between 2024 and 2040 are taken as generated: their first bytes are a clock, so
    // they are hashed instead. A random W3C id looks like one about once in 36,000 (version nibble 7: 1/16, variant:
    // 1/4, time field in range: 0.18%); it is still decided deterministically, only not necessarily as OTel would.
    private static readonly long MinUuidV7Millis = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long MaxUuidV7Millis = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>The bound a rate compares against, special-casing 0 and 1 as OpenTelemetry does.</summary>
    public static long UpperBound(double rate) => rate switch
    {
        <= 0.0 => long.MinValue,
        >= 1.0 => long.MaxValue,
        _ => (long)(rate * long.MaxValue),
    };

    /// <summary>True when <paramref name="traceId"/> is kept under <paramref name="upperBound"/>.</summary>
    public static bool IsKept(string traceId, long upperBound) => (Value(traceId) & long.MaxValue) < upperBound;

    /// <summary>The 64-bit value a trace id is compared by.</summary>
    public static long Value(string traceId)
    {
        if (traceId.Length == 32
            && long.TryParse(traceId.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            && IsHex(traceId.AsSpan(16))
            && !LooksGenerated(traceId))
        {
            return high;
        }

        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(traceId) <= buffer.Length ? buffer : new byte[Encoding.UTF8.GetByteCount(traceId)];
        var written = Encoding.UTF8.GetBytes(traceId, bytes);
        return unchecked((long)XxHash64.HashToUInt64(bytes[..written]));
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for a 32-hex id shaped like a UUIDv7 made between 2024 and 2040 (the library's own trace ids).</summary>
    public static bool LooksGenerated(string id)
    {
        if (id.Length != 32
            || !long.TryParse(id.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high))
        {
            return false;
        }

        var millis = (long)((ulong)high >> 16);
        return id[12] == '7' && (id[16] is '8' or '9' or 'a' or 'b' or 'A' or 'B') && millis >= MinUuidV7Millis && millis < MaxUuidV7Millis;
    }
}
