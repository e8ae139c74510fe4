using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>Anthropic API keys: <c>sk-ant-api03-…</c>, <c>sk-ant-admin01-…</c> and other <c>sk-ant-</c> key families.</summary>
internal sealed partial class AnthropicKeyDetector : RegexDetector
{
    public override string Kind => "anthropic_key";

    public override string Marker => "[ANTHROPIC_KEY]";

    protected override Regex Pattern => AnthropicKeyPattern();

    protected override int WindowLength => 430;

    protected override int SkipAfter(string text, int anchor) => EndOfToken(text, anchor);

    protected override int NextAnchor(string text, int from, Span<int> found) => text.IndexOf("sk-ant-", from, StringComparison.Ordinal);

    protected override int ValidatedLength(string text, int index, int length) =>
        TokenText.IsStandalone(text, index, length) && TokenText.LooksRandom(text.AsSpan(index + 7, length - 7)) ? length : 0;

    [GeneratedRegex(@"sk-ant-[a-z]{2,10}[0-9]{0,3}-[A-Za-z0-9_-]{20,400}", RegexOptions.CultureInvariant)]
    private static partial Regex AnthropicKeyPattern();
}
