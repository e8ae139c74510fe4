using System.Globalization;

namespace LlmIngest.Redaction;

/// <summary>
/// Decodes one escape at a position: a JSON escape, a URL-encoded character (UTF-8 up to three bytes), an HTML entity,
/// or the end of an ANSI colour sequence. Each returns the character and where the escape ends, or -1 when it decodes nothing.
/// </summary>
internal static class TextEscapes
{
    // Named entities worth knowing: the ones that spell parts of emails, phones and URLs.
    private static readonly Dictionary<string, char>.AlternateLookup<ReadOnlySpan<char>> Entities = new Dictionary<string, char>(StringComparer.Ordinal)
    {
        ["amp"] = '&',
        ["commat"] = '@',
        ["nbsp"] = ' ',
        ["period"] = '.',
        ["plus"] = '+',
        ["lt"] = '<',
        ["gt"] = '>',
        ["quot"] = '"',
        ["apos"] = '\'',
        ["colon"] = ':',
        ["sol"] = '/',
        ["hyphen"] = '-',
        ["dash"] = '-',
        ["lpar"] = '(',
        ["rpar"] = ')',
        ["lowbar"] = '_',
        ["num"] = '#',
        ["percnt"] = '%',
        ["equals"] = '=',
        ["shy"] = '\u00ad',
        ["thinsp"] = ' ',
        ["ensp"] = ' ',
        ["emsp"] = ' ',
        ["NewLine"] = '\n',
        ["Tab"] = '\t',
        ["zwj"] = '\u200d',
        ["zwnj"] = '\u200c',
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    private const int MaxEntityLength = 10;

    public static int JsonEscape(string text, int position, out int end)
    {
        end = position + 2;
        if (position + 1 >= text.Length)
        {
            return -1;
        }

        switch (text[position + 1])
        {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'b' or 'f':
                return ' ';
            case '"' or '\\' or '/' or '\'':
                return text[position + 1];
            case 'u' when position + 6 <= text.Length && TryParseHex(text.AsSpan(position + 2, 4), out var value):
                end = position + 6;
                return value;
            default:
                return -1;
        }
    }

    // One character of a URL: an ASCII byte or a two- or three-byte UTF-8 sequence (NBSP %C2%A0, thin space
    // %E2%80%89, fullwidth digits %EF%BC%91, accented letters of an internationalised address).
    public static int UrlEscape(string text, int position, out int end)
    {
        end = position + 3;
        if (!TryPercentByte(text, position, out var lead))
        {
            return -1;
        }

        if (lead < 0x80)
        {
            return lead;
        }

        int count;
        int code;
        if (lead is >= 0xc2 and <= 0xdf)
        {
            count = 1;
            code = lead & 0x1f;
        }
        else if (lead is >= 0xe0 and <= 0xef)
        {
            count = 2;
            code = lead & 0x0f;
        }
        else
        {
            return -1;
        }

        for (var k = 1; k <= count; k++)
        {
            if (!TryPercentByte(text, position + (3 * k), out var next) || (next & 0xc0) != 0x80)
            {
                return -1;
            }

            code = (code << 6) | (next & 0x3f);
        }

        end = position + (3 * (count + 1));
        return code < 0x80 || code is >= 0xd800 and <= 0xdfff ? -1 : code;
    }

    private static bool TryPercentByte(string text, int position, out int value)
    {
        value = 0;
        return position + 3 <= text.Length && text[position] == '%' && TryParseHex(text.AsSpan(position + 1, 2), out value);
    }

    public static int HtmlEntity(string text, int position, out int end)
    {
        end = position;
        var limit = Math.Min(text.Length, position + MaxEntityLength + 2);
        var semicolon = text.AsSpan(position + 1, limit - position - 1).IndexOf(';');
        if (semicolon <= 0)
        {
            return -1;
        }

        var name = text.AsSpan(position + 1, semicolon);
        end = position + semicolon + 2;
        if (name[0] == '#')
        {
            var hex = name.Length > 1 && name[1] is 'x' or 'X';
            var digits = name[(hex ? 2 : 1)..];
            return int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                && code is > 0 and < 0xd800 ? code : -1;
        }

        return Entities.TryGetValue(name, out var c) ? c : -1;
    }

    public static int EndOfAnsiSequence(string text, int position)
    {
        // The ESC may itself be an escape ("\u001b"); the rest of the sequence is written plainly.
        if (position >= text.Length || text[position] != '[')
        {
            return position;
        }

        var limit = Math.Min(text.Length, position + 16);
        for (var i = position + 1; i < limit; i++)
        {
            var c = text[i];
            if (c is >= '@' and <= '~')
            {
                return i + 1;
            }

            if (!(char.IsAsciiDigit(c) || c is ';' or '?'))
            {
                return position;
            }
        }

        return position;
    }

    private static bool TryParseHex(ReadOnlySpan<char> digits, out int value) =>
        int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
}
