using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>US social security numbers written <c>AAA-GG-SSSS</c>, excluding numbers the SSA never issues.</summary>
internal sealed partial class SsnDetector : IPiiDetector
{
    public string Kind => "ssn";

    public string Marker => "[SSN]";

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        if (!text.Contains('-'))
        {
            return;
        }

        foreach (var m in Pattern().EnumerateMatches(text))
        {
            matches.Add(new RedactionMatch(m.Index, m.Length, priority, this));
        }
    }

    // Bounded quantifiers only: backtracking is constant per position.
    [GeneratedRegex(@"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
