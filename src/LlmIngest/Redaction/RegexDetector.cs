using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// A detector made of a cheap anchor search (a vectorized search for a character or literal every finding needs, plus
/// a few character checks), a regular expression run only in a small window around each anchor, and a validator that
/// cuts false positives. The regex never scans text that has no anchor, which keeps prose fast.
/// </summary>
internal abstract class RegexDetector : IPiiDetector
{
    public abstract string Kind { get; }

    public abstract string Marker { get; }

    public virtual FindingShape Shape => FindingShape.Opaque;

    protected abstract Regex Pattern { get; }

    /// <summary>How far past its anchor the regex may look; 0 runs it once from the first anchor to the end of the text.</summary>
    protected virtual int WindowLength => 0;

    /// <summary>A <see cref="IndexOfAny"/> cache entry: the spelling does not occur again.</summary>
    protected const int NotFound = int.MaxValue;

    private const int MaxSpellings = 8;

    /// <summary>Whether <see cref="FindByContext"/> adds anything: most detectors go by shape alone.</summary>
    protected virtual bool HasContextRules => false;

    /// <summary>
    /// Adds findings a context rule admits (a keyword before a value the shape alone would not take). The findings the
    /// shape already found are <paramref name="matches"/> from <paramref name="shapeFindings"/> on, in text order.
    /// </summary>
    protected virtual void FindByContext(string text, int priority, List<RedactionMatch> matches, int shapeFindings)
    {
    }

    /// <summary>
    /// Whether one of the findings <paramref name="matches"/>[<paramref name="first"/>..<paramref name="end"/>) (in text
    /// order, not overlapping) covers <paramref name="index"/>. Callers ask for increasing indexes and keep
    /// <paramref name="cursor"/> between calls, so checking a whole text costs one pass over its findings.
    /// </summary>
    protected static bool IsCovered(List<RedactionMatch> matches, int first, int end, ref int cursor, int index)
    {
        cursor = Math.Max(cursor, first);
        while (cursor < end && matches[cursor].End <= index)
        {
            cursor++;
        }

        return cursor < end && matches[cursor].Start <= index;
    }

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        var shapeFindings = matches.Count;
        Span<int> found = stackalloc int[MaxSpellings];
        found.Fill(-1);
        var from = 0;
        while (from < text.Length)
        {
            var anchor = NextAnchor(text, from, found);
            if (anchor < 0)
            {
                break;
            }

            var start = Math.Max(0, WindowStart(text, anchor));
            var end = WindowLength == 0 ? text.Length : Math.Min(text.Length, anchor + WindowLength);
            // Anchors may sit before "from" (a prefix looked up by its second character): always move forward.
            var resume = Math.Max(SkipAfter(text, anchor), from + 1);
            var cut = false;
            foreach (var m in Pattern.EnumerateMatches(text.AsSpan(0, end), start))
            {
                if (m.Index + m.Length == end && end < text.Length)
                {
                    // Cut by the window: let the next window, which starts at or after this anchor, find all of it.
                    resume = Math.Max(anchor + 1, m.Index);
                    cut = true;
                    break;
                }

                var length = ValidatedLength(text, m.Index, m.Length);
                if (length > 0)
                {
                    matches.Add(new RedactionMatch(m.Index, length, priority, this));
                    resume = Math.Max(resume, m.Index + length);
                }
            }

            if (!cut && end == text.Length && !IsAnchored)
            {
                break;
            }

            // The regex tried every start in the window, so only a finding cut by its end can still begin in it.
            if (!cut && MaxFindingLength > 0)
            {
                resume = Math.Max(resume, end - MaxFindingLength);
            }

            from = resume;
        }

        if (HasContextRules)
        {
            FindByContext(text, priority, matches, shapeFindings);
        }
    }

    /// <summary>
    /// The index of the next place at or after <paramref name="from"/> a finding needs (a literal, an '@'), or -1.
    /// <paramref name="found"/> is the per-call cache of <see cref="IndexOfAny"/>.
    /// </summary>
    protected abstract int NextAnchor(string text, int from, Span<int> found);

    /// <summary>
    /// The longest finding (0 = unbounded). When set, a window without findings lets the anchor search skip to its last
    /// <see cref="MaxFindingLength"/> characters, which keeps input made of anchors (1 MB of "@") linear.
    /// </summary>
    protected virtual int MaxFindingLength => 0;

    /// <summary>Whether the regex only tries the window's start (<c>\G</c>) instead of every position in the window.</summary>
    protected virtual bool IsAnchored => false;

    /// <summary>Where the regex starts for an anchor: the anchor itself unless findings begin before it (an email's local part).</summary>
    protected virtual int WindowStart(string text, int anchor) => anchor;

    /// <summary>Where the anchor search goes on when the window held no finding.</summary>
    protected virtual int SkipAfter(string text, int anchor) => anchor + 1;

    /// <summary>
    /// The length of the finding a regex match stands for, or 0 when it is not one (a failed checksum, boundary or
    /// context check). Detectors whose regex only finds where a finding starts return its real length here.
    /// </summary>
    protected virtual int ValidatedLength(string text, int index, int length) => length;

    /// <summary>
    /// The index of the first of <paramref name="spellings"/> from <paramref name="from"/>, or -1. Case-insensitive search
    /// is several times slower than ordinal search, so keywords are looked up in the spellings that occur
    /// (<c>password</c>, <c>Password</c>, <c>PASSWORD</c>). <paramref name="found"/> remembers where each spelling was
    /// last found (or that it does not occur again), so no part of the text is searched twice for one spelling.
    /// </summary>
    protected static int IndexOfAny(string text, int from, string[] spellings, Span<int> found)
    {
        var best = -1;
        for (var k = 0; k < spellings.Length; k++)
        {
            if (found[k] == NotFound)
            {
                continue;
            }

            if (found[k] < from)
            {
                var index = text.IndexOf(spellings[k], from, StringComparison.Ordinal);
                found[k] = index < 0 ? NotFound : index;
            }

            if (found[k] != NotFound && (best < 0 || found[k] < best))
            {
                best = found[k];
            }
        }

        return best;
    }

    /// <summary>The index just after the run of token characters (letters, digits, '_', '-') that contains <paramref name="index"/>.</summary>
    protected static int EndOfToken(string text, int index)
    {
        var next = text.AsSpan(index + 1).IndexOfAnyExcept(TokenText.Chars);
        return next < 0 ? text.Length : index + 1 + next;
    }

    /// <summary>The number of ASCII digits in the <paramref name="length"/> characters from <paramref name="start"/>.</summary>
    protected static int CountDigits(string text, int start, int length)
    {
        var end = Math.Min(text.Length, start + length);
        var count = 0;
        for (var i = start; i < end; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The index just after the run of digits that starts at <paramref name="index"/> (at least index + 1).</summary>
    protected static int EndOfDigits(string text, int index)
    {
        var next = text.AsSpan(index + 1).IndexOfAnyExceptInRange('0', '9');
        return next < 0 ? text.Length : index + 1 + next;
    }
}
