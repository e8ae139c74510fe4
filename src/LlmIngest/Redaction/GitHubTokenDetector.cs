using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>GitHub tokens: classic (<c>ghp_</c>, <c>gho_</c>, <c>ghu_</c>, <c>ghs_</c>, <c>ghr_</c> + 36 characters) and fine-grained (<c>github_pat_…</c>).</summary>
internal sealed partial class GitHubTokenDetector : RegexDetector
{
    private static readonly string[] Prefixes = ["gh", "github_pat_"];

    public override string Kind => "github_token";

    public override string Marker => "[GITHUB_TOKEN]";

    protected override Regex Pattern => GitHubTokenPattern();

    protected override int WindowLength => 256;

    protected override int SkipAfter(string text, int anchor) => EndOfToken(text, anchor);

    // "gh" is common in English ("though"), so each one is checked for a token prefix before the regex runs.
    protected override int NextAnchor(string text, int from, Span<int> found)
    {
        for (var i = IndexOfAny(text, from, Prefixes, found); i >= 0 && i + 4 < text.Length; i = IndexOfAny(text, i + 1, Prefixes, found))
        {
            if (text[i + 1] == 'i' || (text[i + 2] is 'p' or 'o' or 'u' or 's' or 'r' && text[i + 3] == '_'))
            {
                return i;
            }
        }

        return -1;
    }

    protected override int ValidatedLength(string text, int index, int length) => TokenText.IsStandalone(text, index, length) ? length : 0;

    [GeneratedRegex(@"gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,244}", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubTokenPattern();
}
