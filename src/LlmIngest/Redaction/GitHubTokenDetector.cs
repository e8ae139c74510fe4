using System.Buffers;
using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>GitHub tokens: classic (<c>ghp_</c>, <c>gho_</c>, <c>ghu_</c>, <c>ghs_</c>, <c>ghr_</c> + 36 characters) and fine-grained (<c>github_pat_…</c>).</summary>
internal sealed partial class GitHubTokenDetector : RegexDetector
{
    private static readonly SearchValues<string> Prefixes =
        SearchValues.Create(["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"], StringComparison.Ordinal);

    public override string Kind => "github_token";

    public override string Marker => "[GITHUB_TOKEN]";

    protected override Regex Pattern => GitHubTokenPattern();

    protected override int FirstCandidate(string text) => text.AsSpan().IndexOfAny(Prefixes);

    protected override int ValidatedLength(string text, int index, int length) => TokenText.IsStandalone(text, index, length) ? length : 0;

    [GeneratedRegex(@"gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,244}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex GitHubTokenPattern();
}
