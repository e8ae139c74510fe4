using System.Buffers;
using System.Text;

namespace LlmIngest.Processing;

/// <summary>
/// Finds base64 <c>data:{type};base64,{data}</c> URIs in a message's text, also inside JSON text where <c>/</c>, <c>+</c>
/// and <c>=</c> may be escaped (<c>\/</c>, <c>\u002B</c>, <c>\u002F</c>, <c>\u003D</c>, as System.Text.Json writes them).
/// Only URIs with at least the configured number of base64 characters count: small icons stay inline.
/// </summary>
internal static class DataUriScanner
{
    private const string Scheme = "data:";
    private const string Base64Marker = ";base64,";

    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly SearchValues<char> Base64Chars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    private static readonly SearchValues<char> HeaderStops = SearchValues.Create("\"' ,<>\r\n\t");

    public static List<DataUri>? Find(string text, int minBase64Length)
    {
        List<DataUri>? found = null;
        var at = 0;
        while ((at = text.IndexOf(Scheme, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            if (TryRead(text, at, minBase64Length, out var uri))
            {
                (found ??= []).Add(uri);
                at = uri.Start + uri.Length;
            }
            else
            {
                at += Scheme.Length;
            }
        }

        return found;
    }

    private static bool TryRead(string text, int start, int minBase64Length, out DataUri uri)
    {
        uri = default;
        var marker = text.IndexOf(Base64Marker, start + Scheme.Length, Math.Min(text.Length - start - Scheme.Length, 256), StringComparison.OrdinalIgnoreCase);
        if (marker < 0)
        {
            return false;
        }

        // The media type and its parameters: no quotes, spaces or commas (those end a URI in text).
        var header = text.AsSpan(start + Scheme.Length, marker - start - Scheme.Length);
        if (header.IndexOfAny(HeaderStops) >= 0)
        {
            return false;
        }

        var parameters = header.IndexOf(';');
        var mediaType = (parameters < 0 ? header : header[..parameters]).ToString()
            .Replace("\\/", "/", StringComparison.Ordinal)
            .Replace("\\u002f", "/", StringComparison.OrdinalIgnoreCase)
            .Replace("\\u002b", "+", StringComparison.OrdinalIgnoreCase)
            .ToLowerInvariant();
        if (mediaType.Length == 0)
        {
            mediaType = "text/plain"; // RFC 2397's default
        }

        // The base64 run: plain characters, or escaped ones inside JSON text (then copied out unescaped).
        var first = marker + Base64Marker.Length;
        var i = first;
        StringBuilder? unescaped = null;
        while (i < text.Length)
        {
            var run = text.AsSpan(i).IndexOfAnyExcept(Base64Chars);
            var runEnd = run < 0 ? text.Length : i + run;
            unescaped?.Append(text, i, runEnd - i);
            i = runEnd;
            if (i < text.Length && text[i] == '\\' && Unescape(text, i, out var plain, out var width))
            {
                unescaped ??= new StringBuilder(text.Length - first).Append(text, first, i - first);
                unescaped.Append(plain);
                i += width;
                continue;
            }

            break;
        }

        ReadOnlySpan<char> chars = unescaped is null ? text.AsSpan(first, i - first) : unescaped.ToString();
        if (chars.Length < minBase64Length || Decode(chars.TrimEnd('=')) is not { } bytes)
        {
            return false;
        }

        uri = new DataUri(start, i - start, mediaType, bytes);
        return true;
    }

    /// <summary>Decodes unpadded base64 (a URI cut short of its padding still decodes, as a decoder would pad it); null when invalid.</summary>
    private static byte[]? Decode(ReadOnlySpan<char> chars)
    {
        var whole = chars.Length - (chars.Length % 4);
        var tail = chars.Length % 4 is 2 or 3 ? chars[whole..] : [];
        var bytes = new byte[(whole / 4 * 3) + (tail.Length == 0 ? 0 : tail.Length - 1)];
        if (!Convert.TryFromBase64Chars(chars[..whole], bytes, out var written))
        {
            return null;
        }

        if (tail.Length > 0)
        {
            Span<char> padded = ['=', '=', '=', '='];
            tail.CopyTo(padded);
            if (!Convert.TryFromBase64Chars(padded, bytes.AsSpan(written), out var last))
            {
                return null;
            }

            written += last;
        }

        return written == bytes.Length ? bytes : bytes[..written];
    }

    private static bool Unescape(string text, int at, out char plain, out int width)
    {
        plain = default;
        width = 0;
        if (at + 1 < text.Length && text[at + 1] == '/')
        {
            (plain, width) = ('/', 2);
            return true;
        }

        if (at + 5 < text.Length && text[at + 1] == 'u' && !text.AsSpan(at + 2, 4).ContainsAnyExcept(Hex))
        {
            var code = Convert.ToInt32(text.Substring(at + 2, 4), 16);
            if (code is '+' or '/' or '=')
            {
                (plain, width) = ((char)code, 6);
                return true;
            }
        }

        return false;
    }
}
