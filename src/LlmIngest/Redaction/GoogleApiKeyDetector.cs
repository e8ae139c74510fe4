using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>Google API keys: <c>AIza</c> followed by 35 base64url characters.</summary>
internal sealed partial class GoogleApiKeyDetector : RegexDetector
{
    public override string Kind => "google_api_key";

    public override string Marker => "[GOOGLE_API_KEY]";

    protected override Regex Pattern => GoogleApiKeyPattern();

    protected override int NextAnchor(string text, int from, Span<int> found) => text.IndexOf("AIza", from, StringComparison.Ordinal);

    protected override int ValidatedLength(string text, int index, int length) => TokenText.IsStandalone(text, index, length) ? length : 0;

    [GeneratedRegex(@"AIza[0-9A-Za-z_-]{35}", RegexOptions.CultureInvariant)]
    private static partial Regex GoogleApiKeyPattern();
}
