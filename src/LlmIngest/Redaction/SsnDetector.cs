using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// US social security numbers written <c>AAA-GG-SSSS</c>, excluding numbers the SSA never issues. After a keyword
/// (<c>SSN</c>, <c>social security</c>, a <c>customer_ssn</c> key) the context rule <c>ssn-keyword</c> also admits nine
/// digits written together or grouped 3-2-4 by spaces or dots (<c>123 45 6789</c>, <c>"ssn": "123456789"</c>).
/// </summary>
internal sealed partial class SsnDetector : RegexDetector
{
    private static readonly ContextKeywords Keywords = new(
        "ssn-keyword",
        ["ssn", "social security", "social_security", "socialSecurity", "social-security", "S.S.N.", "ss#", "ss #", "ss no",
         "soc sec", "soc. sec"],
        maxGap: 32,
        maxGapLetters: 16);

    public override string Kind => "ssn";

    public override string Marker => "[SSN]";

    public override FindingShape Shape => FindingShape.Number;

    protected override Regex Pattern => SsnPattern();

    protected override int WindowLength => 9;

    // The first dash of "ddd-dd-dddd".
    protected override int NextAnchor(string text, int from, Span<int> found)
    {
        for (var i = text.IndexOf('-', Math.Max(from, 3)); i >= 0 && i + 7 < text.Length; i = text.IndexOf('-', i + 1))
        {
            if (char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i - 3]) && char.IsAsciiDigit(text[i + 2]) && text[i + 3] == '-')
            {
                return i;
            }
        }

        return -1;
    }

    protected override int WindowStart(string text, int anchor) => anchor - 3;

    protected override bool HasContextRules => true;

    protected override void FindByContext(string text, int priority, List<RedactionMatch> matches, int shapeFindings)
    {
        Span<int> found = [-1, -1];
        var from = 0;
        var shapeEnd = matches.Count;
        var cursor = shapeFindings;
        while (from < text.Length)
        {
            var keywordEnd = Keywords.Next(text, from, found);
            if (keywordEnd < 0)
            {
                return;
            }

            from = keywordEnd;
            // Only as far as a value may sit from its keyword, so text full of keywords stays linear.
            var digit = text.AsSpan(keywordEnd, Math.Min(text.Length - keywordEnd, Keywords.MaxGap + 1)).IndexOfAnyInRange('0', '9');
            if (digit < 0)
            {
                continue;
            }

            var start = keywordEnd + digit;
            if (!Keywords.Joins(text, keywordEnd, start) || IsCovered(matches, shapeFindings, shapeEnd, ref cursor, start))
            {
                continue;
            }

            var length = GroupedLength(text, start);
            if (length > 0)
            {
                matches.Add(new RedactionMatch(start, length, priority, this, Keywords.Rule));
                from = start + length;
            }
        }
    }

    // "123456789", "123 45 6789", "123.45.6789", "123-45-6789": one separator throughout, digits on neither side.
    private static int GroupedLength(string text, int start)
    {
        if (start > 0 && (char.IsAsciiDigit(text[start - 1]) || char.IsAsciiLetter(text[start - 1])))
        {
            return 0;
        }

        var i = start;
        if (!Digits(text, ref i, 3))
        {
            return 0;
        }

        var separator = i < text.Length && text[i] is ' ' or '-' or '.' ? text[i] : '\0';
        if (separator != '\0')
        {
            i++;
        }

        if (!Digits(text, ref i, 2))
        {
            return 0;
        }

        if (separator != '\0')
        {
            if (i >= text.Length || text[i] != separator)
            {
                return 0;
            }

            i++;
        }

        if (!Digits(text, ref i, 4))
        {
            return 0;
        }

        var followedByMore = i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || (text[i] is '-' or '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])));
        return followedByMore || !IsIssuable(text.AsSpan(start, i - start)) ? 0 : i - start;
    }

    // The SSA never issues area 000, 666 or 900-999, group 00 or serial 0000: a keyword does not make those SSNs.
    private static bool IsIssuable(ReadOnlySpan<char> value)
    {
        Span<char> digits = stackalloc char[9];
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[n++] = c;
            }
        }

        return !(digits[..3].SequenceEqual("000") || digits[..3].SequenceEqual("666") || digits[0] == '9'
            || digits[3..5].SequenceEqual("00") || digits[5..].SequenceEqual("0000"));
    }

    private static bool Digits(string text, ref int i, int count)
    {
        for (var n = 0; n < count; n++, i++)
        {
            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    // Bounded quantifiers only: backtracking is constant per position.
    [GeneratedRegex(@"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex SsnPattern();
}
