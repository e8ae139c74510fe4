using System.Buffers;
using System.Diagnostics;

namespace LlmIngest.Capture;

/// <summary>
/// Generates and validates the ids that become parts of storage keys. A valid id is 1 to
/// <see cref="MaxLength"/> characters of <c>[A-Za-z0-9._-]</c> starting with a letter or digit,
/// so it can never be <c>.</c>, <c>..</c> or contain a separator and escape its key prefix. It is also portable as a file
/// name: not a device name Windows reserves (<c>CON</c>, <c>PRN</c>, <c>AUX</c>, <c>NUL</c>, <c>COM0-9</c>,
/// <c>LPT0-9</c>, in any case, alone or before a dot as in <c>aux.txt</c>) and not ending with a dot (Windows drops it).
/// Ids differing only in case are valid and distinct; the local folder store encodes them (see <c>PortablePath</c>).
/// </summary>
internal static class TraceIdentifiers
{
    public const int MaxLength = 128;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>A time-ordered UUIDv7 as 32 lowercase hex digits.</summary>
    /// <remarks>
    /// Ids join records, they are not secrets: the random bits come from <see cref="Random.Shared"/>, not the OS CSPRNG,
    /// whose system call dominated the cost of recording a call.
    /// </remarks>
    public static string NewTraceId() => NewTraceId(TimeProvider.System.GetUtcNow());

    /// <summary>A UUIDv7 whose time field is <paramref name="timestamp"/> (the call's start), saving a second clock read.</summary>
    public static string NewTraceId(DateTimeOffset timestamp)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        var milliseconds = timestamp.ToUnixTimeMilliseconds();
        bytes[0] = (byte)(milliseconds >> 40);
        bytes[1] = (byte)(milliseconds >> 32);
        bytes[2] = (byte)(milliseconds >> 24);
        bytes[3] = (byte)(milliseconds >> 16);
        bytes[4] = (byte)(milliseconds >> 8);
        bytes[5] = (byte)milliseconds;
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70); // version 7
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>A random non-zero 64-bit span id as 16 lowercase hex digits (W3C trace-context shape).</summary>
    public static string NewSpanId() => ActivitySpanId.CreateRandom().ToHexString();

    public static bool IsValid(string? id, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(id) || id.Length > maxLength)
        {
            return false;
        }

        return char.IsAsciiLetterOrDigit(id[0]) && !id.AsSpan().ContainsAnyExcept(Allowed) && id[^1] != '.' && !IsReservedOnWindows(id);
    }

    private static bool IsReservedOnWindows(string id)
    {
        // The name before the first dot is what Windows compares: "aux.txt" and "CON.json" are devices too.
        var dot = id.IndexOf('.');
        var stem = dot < 0 ? id.AsSpan() : id.AsSpan(0, dot);
        if (stem.Length == 3)
        {
            return stem.Equals("CON", StringComparison.OrdinalIgnoreCase) || stem.Equals("PRN", StringComparison.OrdinalIgnoreCase)
                || stem.Equals("AUX", StringComparison.OrdinalIgnoreCase) || stem.Equals("NUL", StringComparison.OrdinalIgnoreCase);
        }

        return stem.Length == 4 && char.IsAsciiDigit(stem[3])
            && (stem[..3].Equals("COM", StringComparison.OrdinalIgnoreCase) || stem[..3].Equals("LPT", StringComparison.OrdinalIgnoreCase));
    }
}
