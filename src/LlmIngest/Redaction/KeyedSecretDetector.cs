using System.Buffers;

namespace LlmIngest.Redaction;

/// <summary>
/// The value of a setting whose name says it is a credential, wherever settings are written: JSON (also inside an
/// encoded JSON string, <c>\"password\":\"…\"</c>), YAML, ENV files and <c>export</c>, connection strings, query strings,
/// HTTP headers, code (<c>api_key = "…"</c>) and command-line flags (<c>--password=…</c>). The name and the separator are
/// kept, only the value is replaced. One instance handles one <see cref="SecretNameKind"/>, so each is its own detector
/// (its own kind, counter and switch). Placeholders, masks and references are left alone (<see cref="SecretValueText"/>).
/// </summary>
internal sealed class KeyedSecretDetector : IPiiDetector
{
    private const int MaxQuotedLength = 512;
    private const int MaxUnquotedLength = 256;

    private static readonly SearchValues<string> PasswordAnchors =
        SearchValues.Create(["pass", "pwd", "pw"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> SecretAnchors =
        SearchValues.Create(["secret", "token", "key", "auth", "credential", "creds", "sig"], StringComparison.OrdinalIgnoreCase);

    // Where an unquoted value ends: blanks, separators of lists, query strings and connection strings, brackets, quotes.
    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(" \t\r\n;,&\"'`<>()[]{}|\\");

    private readonly SecretNameKind _names;
    private readonly SearchValues<string> _anchors;

    public KeyedSecretDetector(SecretNameKind names)
    {
        _names = names;
        _anchors = names == SecretNameKind.Password ? PasswordAnchors : SecretAnchors;
        (Kind, Marker) = names == SecretNameKind.Password ? ("password", "[PASSWORD]") : ("secret", "[SECRET]");
    }

    public string Kind { get; }

    public string Marker { get; }

    public FindingShape Shape => FindingShape.Opaque;

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        var from = 0;
        while (from < text.Length)
        {
            var next = text.AsSpan(from).IndexOfAny(_anchors);
            if (next < 0)
            {
                return;
            }

            var anchor = from + next;
            var (nameStart, nameEnd) = NameAround(text, anchor);
            from = Math.Max(nameEnd, anchor + 1);
            if (nameEnd - nameStart > SecretName.MaxLength || SecretName.Classify(text.AsSpan(nameStart, nameEnd - nameStart)) != _names)
            {
                continue;
            }

            if (TryFindValue(text, nameStart, nameEnd, out var valueStart, out var valueLength, out var quoted)
                && IsCredential(text.AsSpan(valueStart, valueLength), quoted, text.AsSpan(nameStart, nameEnd - nameStart)))
            {
                matches.Add(new RedactionMatch(valueStart, valueLength, priority, this));
                from = valueStart + valueLength;
            }
        }
    }

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

    private bool IsCredential(ReadOnlySpan<char> value, bool quoted, ReadOnlySpan<char> name)
    {
        if (SecretValueText.IsPlaceholder(value, quoted))
        {
            return false;
        }

        if (_names == SecretNameKind.Password)
        {
            // $PWD and $OLDPWD are directories in every environment dump.
            return value.Length >= 3 && !(name.EndsWith("pwd", StringComparison.OrdinalIgnoreCase) && value[0] is '/' or '~');
        }

        // A URL under a secret name (a DSN, a webhook) keeps its host: its password or key has detectors of its own.
        return SecretValueText.LooksGenerated(value) && !value.Contains("://", StringComparison.Ordinal);
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
