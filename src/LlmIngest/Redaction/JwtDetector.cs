using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>JSON web tokens: three base64url segments, the header and payload JSON objects (<c>eyJ…</c>), the signature possibly empty.</summary>
internal sealed partial class JwtDetector : RegexDetector
{
    public override string Kind => "jwt";

    public override string Marker => "[JWT]";

    protected override Regex Pattern => JwtPattern();

    protected override int NextAnchor(string text, int from, Span<int> found) => text.IndexOf("eyJ", from, StringComparison.Ordinal);

    protected override int ValidatedLength(string text, int index, int length) => TokenText.IsStandalone(text, index, length) ? length : 0;

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex JwtPattern();
}
