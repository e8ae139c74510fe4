using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>Payment card numbers: 13 to 19 digits, optionally grouped by spaces or dashes, that pass the Luhn check.</summary>
internal sealed partial class PaymentCardDetector : IPiiDetector
{
    public string Kind => "card";

    public string Marker => "[CARD]";

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        foreach (var m in Pattern().EnumerateMatches(text))
        {
            var candidate = text.AsSpan(m.Index, m.Length);
            if (LuhnValidator.IsValid(candidate, out var digits) && digits is >= 13 and <= 19)
            {
                matches.Add(new RedactionMatch(m.Index, m.Length, priority, this));
            }
        }
    }

    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
