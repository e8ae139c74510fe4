using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// Phone numbers: North American (<c>(555) 123-4567</c>, <c>555-123-4567</c>, <c>+1 555 123 4567</c>),
/// international E.164 with optional separators (<c>+44 20 7946 0958</c>) and common national forms
/// starting with 0 (<c>020 7946 0958</c>, <c>01 23 45 67 89</c>). Bare runs of digits are left alone.
/// </summary>
internal sealed partial class PhoneNumberDetector : IPiiDetector
{
    public string Kind => "phone";

    public string Marker => "[PHONE]";

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        foreach (var m in Pattern().EnumerateMatches(text))
        {
            // E.164 allows at most 15 digits; fewer is an extension, a year or a version number.
            var digits = CountDigits(text.AsSpan(m.Index, m.Length));
            var minimum = text[m.Index] == '+' ? 8 : 9;
            if (digits >= minimum && digits <= 15)
            {
                matches.Add(new RedactionMatch(m.Index, m.Length, priority, this));
            }
        }
    }

    private static int CountDigits(ReadOnlySpan<char> span)
    {
        var count = 0;
        foreach (var c in span)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }

    [GeneratedRegex(
        @"(?<![\w+])(?:" +
        @"\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}" + // international, E.164 shaped
        @"|(?:\(\d{3}\)[ ]?|\d{3}[.-])\d{3}[.-]\d{4}" + // North American
        @"|0[1-9]\d{0,3}[ .-]\d{2,8}(?:[ .-]\d{2,8}){0,3}" + // national trunk prefix 0 (UK, DE, FR, IN)
        @")(?![\w])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
