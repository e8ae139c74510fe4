using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// A detector made of a cheap prefilter (a vectorized search for a character or literal every finding needs), a regular
/// expression run only from the first place a finding could start, and an optional validator that cuts false positives.
/// </summary>
internal abstract class RegexDetector : IPiiDetector
{
    public abstract string Kind { get; }

    public abstract string Marker { get; }

    public virtual FindingShape Shape => FindingShape.Opaque;

    protected abstract Regex Pattern { get; }

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        var start = FirstCandidate(text);
        if (start < 0)
        {
            return;
        }

        foreach (var m in Pattern.EnumerateMatches(text, start))
        {
            var length = ValidatedLength(text, m.Index, m.Length);
            if (length > 0)
            {
                matches.Add(new RedactionMatch(m.Index, length, priority, this));
            }
        }
    }

    /// <summary>The first index where a finding could start, or -1 when the text cannot hold one.</summary>
    protected abstract int FirstCandidate(string text);

    /// <summary>
    /// The length of the finding a regex match stands for, or 0 when it is not one (a failed checksum, boundary or
    /// context check). Detectors whose regex only finds where a finding starts return its real length here.
    /// </summary>
    protected virtual int ValidatedLength(string text, int index, int length) => length;
}
