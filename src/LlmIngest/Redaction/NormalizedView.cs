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
        var first = NormalizationTriggers.FirstChange(text);
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
                    decoded = TextEscapes.JsonEscape(text, position, out end);
                    break;
                case '%':
                    decoded = TextEscapes.UrlEscape(text, position, out end);
                    break;
                case '&':
                    decoded = TextEscapes.HtmlEntity(text, position, out end);
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
                end = TextEscapes.EndOfAnsiSequence(text, end);
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
}
