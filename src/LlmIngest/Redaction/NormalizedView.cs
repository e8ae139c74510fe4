using System.Buffers;
using System.Globalization;

namespace LlmIngest.Redaction;

/// <summary>
/// The text as a reader sees it, for detectors to search when the stored spelling hides a value: JSON escapes
/// (<c>\n</c>, <c>\"</c>, <c>\u0040</c>), URL encoding (<c>%40</c>, <c>%2B</c>), HTML entities (<c>&amp;#64;</c>,
/// <c>&amp;commat;</c>), fullwidth forms and other scripts' digits (NFKC), Unicode spaces as plain spaces, and
/// zero-width characters, soft hyphens and ANSI colour codes removed. Each character of the view remembers the range
/// of the original it came from, so a finding replaces the whole original spelling (an escape, a zero-width character
/// inside it).
/// </summary>
internal sealed class NormalizedView
{
    // Only text holding one of these can read differently; plain ASCII prose is rejected by one vectorized scan.
    private static readonly SearchValues<char> Triggers = SearchValues.Create(
        "\\%&\u001b\u00a0\u00ad\u1680\u180e" +
        "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff\ufe6b" +
        "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9" +
        "\u0966\u0967\u0968\u0969\u096a\u096b\u096c\u096d\u096e\u096f" +
        FullwidthAscii());

    // Everything ASCII but the four ASCII triggers: a search for the first character outside this set is vectorized
    // (a search for Triggers itself, which mixes ASCII and non-ASCII characters, is several times slower on ASCII text).
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(PlainAsciiChars());

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

    private readonly char[] _chars;
    private readonly int[] _starts;
    private readonly int[] _ends;

    private NormalizedView(int capacity)
    {
        _chars = new char[capacity];
        _starts = new int[capacity];
        _ends = new int[capacity];
    }

    /// <summary>The normalized text.</summary>
    public string Text { get; private set; } = string.Empty;

    /// <summary>The view of <paramref name="text"/>, or null when it reads the same (a '%' that encodes nothing).</summary>
    public static NormalizedView? Create(string text)
    {
        // Most triggers in real text change nothing ("50% off", "AT&T", a JSON \" before a value): find the first that
        // does before allocating anything.
        var first = FirstChange(text);
        if (first < 0)
        {
            return null;
        }

        var view = new NormalizedView(text.Length);
        var length = 0;
        for (var i = 0; i < first; i++)
        {
            view.Put(ref length, text[i], i, i + 1);
        }

        var changed = false;
        var position = first;
        while (position < text.Length)
        {
            var c = text[position];
            int end;
            int decoded;
            switch (c)
            {
                case '\\':
                    decoded = JsonEscape(text, position, out end);
                    break;
                case '%':
                    decoded = UrlEscape(text, position, out end);
                    break;
                case '&':
                    decoded = HtmlEntity(text, position, out end);
                    break;
                default:
                    decoded = -1;
                    end = position + 1;
                    break;
            }

            if (decoded < 0)
            {
                decoded = c;
                end = position + 1;
            }
            else
            {
                changed = true;
            }

            if (decoded == '\u001b')
            {
                // An ANSI escape sequence (ESC [ params final), written raw or as "\u001b": colours in tool output.
                end = EndOfAnsiSequence(text, end);
                changed = true;
                position = end;
                continue;
            }

            var normal = Fold((char)decoded);
            if (normal != decoded)
            {
                changed = true;
            }

            if (normal != '\0')
            {
                view.Put(ref length, normal, position, end);
            }

            position = end;
        }

        if (!changed)
        {
            return null;
        }

        view.Text = new string(view._chars, 0, length);
        return view;
    }

    private static int FirstChange(string text)
    {
        var position = 0;
        while (true)
        {
            position = NextTrigger(text, position);
            if (position < 0)
            {
                return -1;
            }

            var c = text[position];
            var changes = c switch
            {
                // \" \\ \/ read the same to every detector: the character before a value is not a word character either way.
                '\\' => position + 1 < text.Length && text[position + 1] is not ('"' or '\\' or '/') && JsonEscape(text, position, out _) >= 0,
                '%' => UrlEscape(text, position, out _) >= 0,
                '&' => HtmlEntity(text, position, out _) >= 0,
                _ => true,
            };
            if (changes)
            {
                return position;
            }

            position = Math.Min(text.Length, position + (c == '\\' ? 2 : 1));
        }
    }

    private static int NextTrigger(ReadOnlySpan<char> text, int from)
    {
        var i = from;
        while (i < text.Length)
        {
            var offset = text[i..].IndexOfAnyExcept(PlainAscii);
            if (offset < 0)
            {
                return -1;
            }

            i += offset;
            if (text[i] < '\u0080' || Triggers.Contains(text[i]))
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    private static string PlainAsciiChars()
    {
        var chars = new List<char>(128);
        for (var c = '\0'; c < '\u0080'; c++)
        {
            if (c is not ('\\' or '%' or '&' or '\u001b'))
            {
                chars.Add(c);
            }
        }

        return new string([.. chars]);
    }

    /// <summary>The start in the original text of the view's character at <paramref name="index"/>.</summary>
    public int OriginalStart(int index) => _starts[index];

    /// <summary>The end in the original text of the view's range that ends before <paramref name="end"/>.</summary>
    public int OriginalEnd(int end) => _ends[end - 1];

    private void Put(ref int length, char c, int start, int end)
    {
        _chars[length] = c;
        _starts[length] = start;
        _ends[length] = end;
        length++;
    }

    // '\0' removes the character; otherwise the plain form a detector looks for.
    private static char Fold(char c)
    {
        if (c < '\u0080')
        {
            return c;
        }

        switch (c)
        {
            case '\u00ad' or '\u180e' or '\u200b' or '\u200c' or '\u200d' or '\u2060' or '\ufeff':
                return '\0';
            case '\u00a0' or '\u1680' or (>= '\u2000' and <= '\u200a') or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000':
                return ' ';
            case >= '\uff01' and <= '\uff5e':
                return (char)(c - 0xfee0);
            case '\ufe6b':
                return '@';
        }

        var digit = CharUnicodeInfo.GetDecimalDigitValue(c);
        return digit is >= 0 and <= 9 ? (char)('0' + digit) : c;
    }

    private static int JsonEscape(string text, int position, out int end)
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
    private static int UrlEscape(string text, int position, out int end)
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

    private static int HtmlEntity(string text, int position, out int end)
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

    private static int EndOfAnsiSequence(string text, int position)
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

    private static string FullwidthAscii()
    {
        var chars = new char[0xff5e - 0xff01 + 1];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(0xff01 + i);
        }

        return new string(chars);
    }
}
