using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// The credential after <c>Bearer</c> (as in <c>Authorization: Bearer …</c>); the scheme is kept so the header stays
/// readable. The value must hold a digit, so prose such as "bearer authentication" is left alone.
/// </summary>
internal sealed partial class BearerTokenDetector : RegexDetector
{
    public override string Kind => "bearer_token";

    public override string Marker => "[BEARER_TOKEN]";

    protected override Regex Pattern => BearerTokenPattern();

    protected override int WindowLength => 4096;

    protected override int MaxFindingLength => 1045;

    private static readonly string[] Spellings = ["Bearer", "bearer", "BEARER"];

    protected override int NextAnchor(string text, int from, Span<int> found) => IndexOfAny(text, from, Spellings, found);

    protected override int SkipAfter(string text, int anchor) => anchor + 6;

    protected override int ValidatedLength(string text, int index, int length) =>
        text.AsSpan(index, length).IndexOfAnyInRange('0', '9') >= 0 ? length : 0;

    // The token68 alphabet of RFC 7235; bounded, and the lookbehind is a fixed short literal.
    [GeneratedRegex(@"(?<=\b[Bb](?i:earer)[ \t]{1,4})[A-Za-z0-9._~+/-]{8,1024}=*", RegexOptions.CultureInvariant)]
    private static partial Regex BearerTokenPattern();
}
