using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>Slack tokens: <c>xoxb-</c>, <c>xoxp-</c>, <c>xoxa-</c>, <c>xoxo-</c>, <c>xoxs-</c>, <c>xoxr-</c> followed by their numeric and random parts.</summary>
internal sealed partial class SlackTokenDetector : RegexDetector
{
    public override string Kind => "slack_token";

    public override string Marker => "[SLACK_TOKEN]";

    protected override Regex Pattern => SlackTokenPattern();

    protected override int NextAnchor(string text, int from, Span<int> found) => text.IndexOf("xox", from, StringComparison.Ordinal);

    protected override int ValidatedLength(string text, int index, int length) =>
        TokenText.IsStandalone(text, index, length) && text.AsSpan(index + 5, length - 5).IndexOfAnyInRange('0', '9') >= 0 ? length : 0;

    [GeneratedRegex(@"xox[abposr]-[A-Za-z0-9-]{10,250}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex SlackTokenPattern();
}
