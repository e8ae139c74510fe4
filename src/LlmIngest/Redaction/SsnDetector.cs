using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>US social security numbers written <c>AAA-GG-SSSS</c>, excluding numbers the SSA never issues.</summary>
internal sealed partial class SsnDetector : RegexDetector
{
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

    // Bounded quantifiers only: backtracking is constant per position.
    [GeneratedRegex(@"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex SsnPattern();
}
