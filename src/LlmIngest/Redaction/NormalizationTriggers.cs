using System.Buffers;

namespace LlmIngest.Redaction;

/// <summary>
/// Finds where a text first reads differently to <see cref="NormalizedView"/>: an escape that decodes, a Unicode space,
/// a zero-width character, a fullwidth form or another script's digit. Plain ASCII prose is rejected by one vectorized scan.
/// </summary>
internal static class NormalizationTriggers
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

    public static int FirstChange(string text)
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
                '\\' => position + 1 < text.Length && text[position + 1] is not ('"' or '\\' or '/') && TextEscapes.JsonEscape(text, position, out _) >= 0,
                '%' => TextEscapes.UrlEscape(text, position, out _) >= 0,
                '&' => TextEscapes.HtmlEntity(text, position, out _) >= 0,
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
