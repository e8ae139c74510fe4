using System.Buffers;
using System.Diagnostics;

namespace LlmIngest.Capture;

/// <summary>
/// Generates and validates the ids that become parts of storage keys. A valid id is 1 to
/// <see cref="MaxLength"/> characters of <c>[A-Za-z0-9._-]</c> starting with a letter or digit,
/// so it can never be <c>.</c>, <c>..</c> or contain a separator and escape its key prefix.
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
    public static string NewTraceId() => NewTraceId(DateTimeOffset.UtcNow);

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

        return char.IsAsciiLetterOrDigit(id[0]) && !id.AsSpan().ContainsAnyExcept(Allowed);
    }
}
