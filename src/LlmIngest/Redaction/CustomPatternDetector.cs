using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// A detector configured in <c>LlmIngest:Redaction:CustomDetectors</c>: a name (the kind counted), a pattern and a
/// marker. Patterns run on the non-backtracking engine, so a pattern from configuration can never make redaction slow.
/// </summary>
internal sealed class CustomPatternDetector(string kind, Regex pattern, string marker) : IPiiDetector
{
    public string Kind => kind;

    public string Marker => marker;

    public FindingShape Shape => FindingShape.Opaque;

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        foreach (var m in pattern.EnumerateMatches(text))
        {
            if (m.Length > 0)
            {
                matches.Add(new RedactionMatch(m.Index, m.Length, priority, this));
            }
        }
    }

    /// <summary>Compiles a configured pattern; throws <see cref="ArgumentException"/> or <see cref="NotSupportedException"/> when it is invalid.</summary>
    public static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
}
