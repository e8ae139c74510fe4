using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>Email addresses. Non-backtracking, so adversarial input stays linear.</summary>
internal sealed partial class EmailDetector : IPiiDetector
{
    public string Kind => "email";

    public string Marker => "[EMAIL]";

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        if (!text.Contains('@'))
        {
            return;
        }

        foreach (var m in Pattern().EnumerateMatches(text))
        {
            matches.Add(new RedactionMatch(m.Index, m.Length, priority, this));
        }
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
