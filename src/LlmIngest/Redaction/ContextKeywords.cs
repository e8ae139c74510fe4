namespace LlmIngest.Redaction;

/// <summary>
/// Words or key names that say what the value after them is (<c>SSN</c>, <c>"phone":</c>, <c>Tel.</c>): a context rule
/// admits a value its shape alone would not, if it follows one of them closely. A keyword counts as a word of its own or
/// as part of an identifier (<c>customer_ssn</c>, <c>homePhone</c>), not inside another word (<c>Gassner</c>, <c>hotel</c>).
/// </summary>
internal sealed class ContextKeywords
{
    private readonly string[] _spellings;
    private readonly int _maxGapLetters;

    /// <param name="rule">The name the findings are counted under.</param>
    /// <param name="spellings">Each keyword in the spellings that occur (ordinal search is several times faster).</param>
    /// <param name="maxGap">How many characters may separate a keyword from its value (<c>": "</c>, <c> number is </c>).</param>
    /// <param name="maxGapLetters">How many of them may be letters, so a keyword does not reach into the next sentence.</param>
    public ContextKeywords(string rule, string[] spellings, int maxGap, int maxGapLetters)
    {
        Rule = rule;
        _spellings = spellings;
        MaxGap = maxGap;
        _maxGapLetters = maxGapLetters;
    }

    /// <summary>How many characters may separate a keyword from its value.</summary>
    public int MaxGap { get; }

    /// <summary>The rule's name, counted in <see cref="RedactionCounts.ByContextRule"/>.</summary>
    public string Rule { get; }

    /// <summary>The number of spellings: the length of the cache span <see cref="Next"/> takes.</summary>
    public int Count => _spellings.Length;

    /// <summary>
    /// The index just after the next keyword that starts at or after <paramref name="from"/>, or -1. <paramref name="found"/>
    /// (<see cref="Count"/> entries, filled with -1 before the first call) remembers where each spelling occurs.
    /// </summary>
    public int Next(string text, int from, Span<int> found)
    {
        while (true)
        {
            var best = -1;
            var bestLength = 0;
            for (var k = 0; k < _spellings.Length; k++)
            {
                if (found[k] == int.MaxValue)
                {
                    continue;
                }

                if (found[k] < from)
                {
                    var index = text.IndexOf(_spellings[k], from, StringComparison.Ordinal);
                    found[k] = index < 0 ? int.MaxValue : index;
                }

                if (found[k] != int.MaxValue && (best < 0 || found[k] < best || (found[k] == best && _spellings[k].Length > bestLength)))
                {
                    best = found[k];
                    bestLength = _spellings[k].Length;
                }
            }

            if (best < 0)
            {
                return -1;
            }

            if (IsWordOrIdentifierPart(text, best, bestLength))
            {
                return best + bestLength;
            }

            from = best + 1;
        }
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
