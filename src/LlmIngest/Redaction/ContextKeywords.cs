using System.Buffers;
using System.Text;

namespace LlmIngest.Redaction;

/// <summary>
/// Words or key names that say what the value after them is (<c>SSN</c>, <c>"phone":</c>, <c>Tel.</c>): a context rule
/// admits a value its shape alone would not, if it follows one of them closely. A keyword counts as a word of its own or
/// as part of an identifier (<c>customer_ssn</c>, <c>homePhone</c>), not inside another word (<c>Gassner</c>, <c>hotel</c>).
/// </summary>
internal sealed class ContextKeywords
{
    private readonly string[] _keywords;
    private readonly SearchValues<string> _ascii;
    private readonly SearchValues<string>? _nonAscii;
    private readonly int _asciiPrefix;

    // Longer than any keyword: the window searched around a non-ASCII character.
    private const int MaxKeywordLength = 32;
    private readonly int _maxGapLetters;

    /// <param name="rule">The name the findings are counted under.</param>
    /// <param name="keywords">The keywords, matched ignoring case (<c>ssn</c> finds <c>SSN</c> and <c>customerSsn</c>).</param>
    /// <param name="maxGap">How many characters may separate a keyword from its value (<c>": "</c>, <c> number is </c>).</param>
    /// <param name="maxGapLetters">How many of them may be letters, so a keyword does not reach into the next sentence.</param>
    public ContextKeywords(string rule, string[] keywords, int maxGap, int maxGapLetters)
    {
        Rule = rule;
        _keywords = keywords;

        // One vectorized multi-string search for all ASCII keywords, instead of one pass over the text per keyword. The
        // others (電話, téléphone) are searched apart, and only near non-ASCII text: case-insensitive search for non-ASCII
        // strings is not vectorized.
        var ascii = new List<string>();
        var nonAscii = new List<string>();
        foreach (var keyword in keywords)
        {
            if (Ascii.IsValid(keyword))
            {
                ascii.Add(keyword);
            }
            else
            {
                nonAscii.Add(keyword);
                _asciiPrefix = Math.Max(_asciiPrefix, keyword.AsSpan().IndexOfAnyExceptInRange('\0', '\u007f'));
            }
        }

        _ascii = SearchValues.Create([.. ascii], StringComparison.OrdinalIgnoreCase);
        _nonAscii = nonAscii.Count == 0 ? null : SearchValues.Create([.. nonAscii], StringComparison.OrdinalIgnoreCase);
        MaxGap = maxGap;
        _maxGapLetters = maxGapLetters;
    }

    /// <summary>How many characters may separate a keyword from its value.</summary>
    public int MaxGap { get; }

    /// <summary>The rule's name, counted in <see cref="RedactionCounts.ByContextRule"/>.</summary>
    public string Rule { get; }

    /// <summary>
    /// The index just after the next keyword that starts at or after <paramref name="from"/>, or -1. <paramref name="found"/>
    /// (two entries, -1 before the first call) remembers where each search last found one, so no text is searched twice.
    /// </summary>
    public int Next(string text, int from, Span<int> found)
    {
        while (from < text.Length)
        {
            var index = NextOf(text, from, _ascii, ref found[0], -1);
            if (_nonAscii is not null)
            {
                var other = NextOf(text, from, _nonAscii, ref found[1], _asciiPrefix);
                if (other >= 0 && (index < 0 || other < index))
                {
                    index = other;
                }
            }

            if (index < 0)
            {
                return -1;
            }

            var length = LongestKeywordAt(text, index);
            if (IsWordOrIdentifierPart(text, index, length))
            {
                return index + length;
            }

            from = index + 1;
        }

        return -1;
    }

    /// <summary>Whether a keyword ends shortly before <paramref name="valueStart"/> and <see cref="Joins"/> the value.</summary>
    public bool Precedes(string text, int valueStart)
    {
        var from = Math.Max(0, valueStart - MaxGap - MaxKeywordLength);
        var last = -1;
        while (from < valueStart)
        {
            var window = text.AsSpan(from, valueStart - from);
            var offset = window.IndexOfAny(_ascii);
            if (_nonAscii is not null && window.IndexOfAnyExceptInRange('\0', '\u007f') >= 0)
            {
                var other = window.IndexOfAny(_nonAscii);
                if (other >= 0 && (offset < 0 || other < offset))
                {
                    offset = other;
                }
            }

            if (offset < 0)
            {
                break;
            }

            var index = from + offset;
            var length = LongestKeywordAt(text, index);
            if (index + length <= valueStart && IsWordOrIdentifierPart(text, index, length))
            {
                last = index + length;
            }

            from = index + 1;
        }

        return last >= 0 && Joins(text, last, valueStart);
    }

    /// <summary>Whether the text between a keyword's end and a value's start is short enough to join them.</summary>
    public bool Joins(string text, int keywordEnd, int valueStart)
    {
        if (valueStart - keywordEnd > MaxGap)
        {
            return false;
        }

        var letters = 0;
        for (var i = keywordEnd; i < valueStart; i++)
        {
            var c = text[i];
            if (char.IsLetter(c) && ++letters > _maxGapLetters)
            {
                return false;
            }

            // A digit, a line break or a new sentence ("SSN unknown. Order 123456789") ends the keyword's reach.
            if (char.IsAsciiDigit(c) || c is '\n' or '\r' or '!' or '?' or ';'
                || (c == '.' && i + 2 < valueStart && text[i + 1] == ' ' && char.IsUpper(text[i + 2])))
            {
                return false;
            }
        }

        return true;
    }

    // asciiPrefix >= 0: the values start with at most that many ASCII characters before a non-ASCII one.
    private static int NextOf(string text, int from, SearchValues<string> values, ref int found, int asciiPrefix)
    {
        if (found == int.MaxValue)
        {
            return -1;
        }

        if (found < from)
        {
            found = asciiPrefix < 0 ? Search(text, from, text.Length, values) : SearchNearNonAscii(text, from, values, asciiPrefix);
        }

        return found == int.MaxValue ? -1 : found;
    }

    private static int Search(string text, int start, int end, SearchValues<string> values)
    {
        var offset = text.AsSpan(start, end - start).IndexOfAny(values);
        return offset < 0 ? int.MaxValue : start + offset;
    }

    // A keyword holding a non-ASCII character starts at most asciiPrefix characters before one: search only the windows
    // around non-ASCII characters (found by a vectorized scan), so prose with a curly quote or a dash stays fast.
    private static int SearchNearNonAscii(string text, int from, SearchValues<string> values, int asciiPrefix)
    {
        var position = from;
        while (position < text.Length)
        {
            var nonAscii = text.AsSpan(position).IndexOfAnyExceptInRange('\0', '\u007f');
            if (nonAscii < 0)
            {
                return int.MaxValue;
            }

            nonAscii += position;
            var start = Math.Max(from, nonAscii - asciiPrefix);
            var found = Search(text, start, Math.Min(text.Length, nonAscii + MaxKeywordLength), values);
            if (found != int.MaxValue)
            {
                return found;
            }

            position = nonAscii + 1;
        }

        return int.MaxValue;
    }

    private int LongestKeywordAt(string text, int index)
    {
        var longest = 0;
        var rest = text.AsSpan(index);
        foreach (var keyword in _keywords)
        {
            if (keyword.Length > longest && rest.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
            {
                longest = keyword.Length;
            }
        }

        return longest;
    }

    private static bool IsWordOrIdentifierPart(string text, int index, int length)
    {
        var first = text[index];
        if (index > 0)
        {
            // "homePhone" and "userSSN" join a lower-case word; "hotel" and "Gassner" do not start a word.
            var before = text[index - 1];
            if (char.IsLetter(before) && !(char.IsLower(before) && char.IsUpper(first)))
            {
                return false;
            }
        }

        // "phoneNumber", "ssn_last", "tel:" end the keyword; "telemetry" and "cellar" do not.
        var end = index + length;
        return end >= text.Length || !char.IsLower(text[end]);
    }
}
