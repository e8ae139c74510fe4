using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>OpenAI API keys: <c>sk-…</c>, <c>sk-proj-…</c>, <c>sk-svcacct-…</c>, <c>sk-admin-…</c>; Anthropic's <c>sk-ant-…</c> is left to its own detector.</summary>
internal sealed partial class OpenAiKeyDetector : RegexDetector
{
    public override string Kind => "openai_key";

    public override string Marker => "[OPENAI_KEY]";

    protected override Regex Pattern => OpenAiKeyPattern();

    protected override int WindowLength => 420;

    protected override int SkipAfter(string text, int anchor) => EndOfToken(text, anchor);

    protected override int NextAnchor(string text, int from, Span<int> found) => text.IndexOf("sk-", from, StringComparison.Ordinal);

    protected override int ValidatedLength(string text, int index, int length) =>
        TokenText.IsStandalone(text, index, length)
        && !text.AsSpan(index).StartsWith("sk-ant-", StringComparison.Ordinal)
        && TokenText.LooksRandom(text.AsSpan(index + 3, length - 3)) ? length : 0;

    [GeneratedRegex(@"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,400}", RegexOptions.CultureInvariant)]
    private static partial Regex OpenAiKeyPattern();
}
