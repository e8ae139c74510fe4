using System.Buffers;
using System.Security.Cryptography;

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
    public static string NewTraceId() => Guid.CreateVersion7().ToString("N");

    /// <summary>A random 64-bit span id as 16 lowercase hex digits (W3C trace-context shape).</summary>
    public static string NewSpanId()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public static bool IsValid(string? id, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(id) || id.Length > maxLength)
        {
            return false;
        }

        return char.IsAsciiLetterOrDigit(id[0]) && !id.AsSpan().ContainsAnyExcept(Allowed);
    }
}
