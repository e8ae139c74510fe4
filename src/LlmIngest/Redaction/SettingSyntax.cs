using System.Buffers;

namespace LlmIngest.Redaction;

/// <summary>
/// Reads a setting as it is written in JSON, YAML, ENV files, connection strings, query strings, headers, code and
/// command-line flags: the name around an anchor, then the separator and the (possibly quoted, possibly JSON-escaped) value.
/// </summary>
internal static class SettingSyntax
{
    private const int MaxQuotedLength = 512;
    private const int MaxUnquotedLength = 256;

    // Where an unquoted value ends: blanks, separators of lists, query strings and connection strings, brackets, quotes.
    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(" \t\r\n;,&\"'`<>()[]{}|\\");

    /// <summary>The setting name (letters, digits, <c>_ - .</c>) around an anchor, at most a little longer than <see cref="SecretName.MaxLength"/>.</summary>
    public static (int Start, int End) NameAround(string text, int anchor)
    {
        var start = anchor;
        while (start > 0 && anchor - start <= SecretName.MaxLength && SecretName.IsNameChar(text[start - 1]))
        {
            start--;
        }

        var end = anchor;
        while (end < text.Length && end - start <= SecretName.MaxLength && SecretName.IsNameChar(text[end]))
        {
            end++;
        }

        // A sentence's full stop or a trailing dash is not part of the name.
        while (end > anchor + 1 && text[end - 1] is '.' or '-')
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>
    /// Parses <c>name [quote] [blanks] (= | : | := | =&gt;) [blanks] [quote] value</c> after a name, and <c>--name value</c>
    /// for a command-line flag. Quotes may be JSON-escaped (<c>\"</c>, <c>\\\"</c>); a quoted value ends at the same quote.
    /// </summary>
    public static bool TryFindValue(string text, int nameStart, int nameEnd, out int valueStart, out int valueLength, out bool quoted)
    {
        valueStart = 0;
        valueLength = 0;
        quoted = false;
        var i = SkipQuote(text, nameEnd, out _, out _);
        i = SkipBlanks(text, i, 4);
        if (i >= text.Length)
        {
            return false;
        }

        if (text[i] == '=')
        {
            i++;
            if (i < text.Length && text[i] == '=')
            {
                return false; // a comparison
            }

            if (i < text.Length && text[i] == '>')
            {
                i++;
            }
        }
        else if (text[i] == ':')
        {
            i++;
            if (i < text.Length && text[i] == ':')
            {
                return false; // a scope (C++, Ruby), not a separator
            }

            if (i < text.Length && text[i] == '=')
            {
                i++;
            }
        }
        else if (!(nameStart + 2 < nameEnd && text[nameStart] == '-' && text[nameStart + 1] == '-' && text[nameEnd] == ' '))
        {
            return false;
        }

        i = SkipBlanks(text, i, 8);
        var valueFrom = SkipQuote(text, i, out var backslashes, out var quote);
        if (quote == '\0' && backslashes > 0)
        {
            return false; // "password:\n…": an escape, the value is empty
        }

        if (quote != '\0')
        {
            var close = ClosingQuote(text, valueFrom, quote, backslashes);
            if (close > valueFrom)
            {
                quoted = true;
                valueStart = valueFrom;
                valueLength = close - valueFrom;
                return true;
            }

            if (close == valueFrom)
            {
                return false; // ""
            }
        }

        var end = valueFrom;
        var limit = Math.Min(text.Length, valueFrom + MaxUnquotedLength);
        while (end < limit && !UnquotedStops.Contains(text[end]))
        {
            end++;
        }

        // A call (get_password()) or an index (os.environ["PW"]) is code, not a value.
        if (end == valueFrom || (end < text.Length && text[end] is '(' or '['))
        {
            return false;
        }

        valueStart = valueFrom;
        valueLength = end - valueFrom;
        return true;
    }

    // Skips an optional quote, possibly JSON-escaped (up to three backslashes before it).
    private static int SkipQuote(string text, int i, out int backslashes, out char quote)
    {
        backslashes = 0;
        quote = '\0';
        var j = i;
        while (j < text.Length && text[j] == '\\' && backslashes < 3)
        {
            backslashes++;
            j++;
        }

        if (j < text.Length && text[j] is '"' or '\'' or '`')
        {
            quote = text[j];
            return j + 1;
        }

        return backslashes == 0 ? i : j;
    }

    // The index of the quote that closes a value opened with <backslashes> backslashes and <quote>, or -1 (a line end,
    // the end of the text or the bound came first). An escaped quote of the inner level does not close it.
    private static int ClosingQuote(string text, int from, char quote, int backslashes)
    {
        var limit = Math.Min(text.Length, from + MaxQuotedLength);
        for (var j = from; j < limit; j++)
        {
            var c = text[j];
            if (c is '\n' or '\r')
            {
                return -1;
            }

            if (c != quote)
            {
                continue;
            }

            var preceding = 0;
            while (j - preceding - 1 >= from && text[j - preceding - 1] == '\\')
            {
                preceding++;
            }

            if (preceding == backslashes)
            {
                return j - backslashes;
            }
        }

        return -1;
    }

    private static int SkipBlanks(string text, int i, int max)
    {
        var limit = Math.Min(text.Length, i + max);
        while (i < limit && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }
}
