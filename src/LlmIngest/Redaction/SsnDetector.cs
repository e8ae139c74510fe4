using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>US social security numbers written <c>AAA-GG-SSSS</c>, excluding numbers the SSA never issues.</summary>
internal sealed partial class SsnDetector : RegexDetector
{
    public override string Kind => "ssn";

    public override string Marker => "[SSN]";

    public override FindingShape Shape => FindingShape.Number;

    protected override Regex Pattern => SsnPattern();

    protected override int FirstCandidate(string text) => text.Contains('-') ? text.AsSpan().IndexOfAnyInRange('0', '9') : -1;

    // Bounded quantifiers only: backtracking is constant per position.
    [GeneratedRegex(@"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex SsnPattern();
}
