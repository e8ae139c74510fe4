using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;

namespace LlmIngest;

/// <summary>
/// A JSON text encoder that escapes what JSON requires (quote, backslash, control characters), ill-formed UTF-16, and
/// the characters that make a terminal or viewer show text other than what is stored: C1 controls (U+0080–U+009F, DEL),
/// the line and paragraph separators, and the bidirectional controls (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069;
/// the "Trojan Source" class, CVE-2021-42574). Every other character, emoji included, is written as UTF-8. The built-in
/// encoders, even <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>, always escape characters outside the Basic
/// Multilingual Plane.
/// </summary>
internal sealed class Utf8JsonTextEncoder : JavaScriptEncoder
{
    public static readonly Utf8JsonTextEncoder Instance = new();

    // Printable ASCII except the quote and the backslash: written as is.
    private static readonly SearchValues<char> PlainAscii =
        SearchValues.Create(" !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private Utf8JsonTextEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => 12; // a surrogate pair as two \uXXXX escapes

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        var i = 0;
        while (i < span.Length)
        {
            // Most text is printable ASCII without quotes or backslashes: skip it with a vectorized search, and look
            // one by one only at what it stops on.
            var next = span[i..].IndexOfAnyExcept(PlainAscii);
            if (next < 0)
            {
                return -1;
            }

            i += next;
            var c = span[i];
            if (c < 0x20 || c == '"' || c == '\\' || IsUnsafeDisplay(c))
            {
                return i;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
                {
                    i += 2;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c))
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        string? shortForm = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => null,
        };
        if (shortForm is not null)
        {
            numberOfCharactersWritten = shortForm.Length;
            return shortForm.AsSpan().TryCopyTo(destination);
        }

        if (!WillEncode(unicodeScalar))
        {
            // Reached only for the replacement character of ill-formed input, or scalars the writer asks about.
            var rune = new System.Text.Rune(unicodeScalar);
            return rune.TryEncodeToUtf16(destination, out numberOfCharactersWritten);
        }

        numberOfCharactersWritten = 6;
        return destination.Length >= 6
            && "\\u".AsSpan().TryCopyTo(destination)
            && unicodeScalar.TryFormat(destination[2..], out _, "X4", CultureInfo.InvariantCulture);
    }

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar == '"' || unicodeScalar == '\\' || (unicodeScalar >= 0xD800 && unicodeScalar <= 0xDFFF)
        || (unicodeScalar <= char.MaxValue && IsUnsafeDisplay((char)unicodeScalar));

    /// <summary>True for a character that reorders, hides or breaks displayed text: written as a \u escape.</summary>
    public static bool IsUnsafeDisplay(char c) =>
        c is (>= '\u007F' and <= '\u009F') or '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E')
            or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';
}
