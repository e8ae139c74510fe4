using System.Buffers;
using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>AWS access key ids: <c>AKIA</c> (long-term) or <c>ASIA</c> (temporary) followed by 16 upper-case letters or digits.</summary>
internal sealed partial class AwsAccessKeyDetector : RegexDetector
{
    private static readonly string[] Prefixes = ["AKIA", "ASIA"];

    private static readonly SearchValues<char> AlphanumericChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    public override string Kind => "aws_access_key";

    public override string Marker => "[AWS_ACCESS_KEY]";

    protected override Regex Pattern => AwsAccessKeyPattern();

    protected override int WindowLength => 21;

    // A key is never glued to letters or digits, so a miss skips the whole run of them.
    protected override int SkipAfter(string text, int anchor)
    {
        var next = text.AsSpan(anchor + 1).IndexOfAnyExcept(AlphanumericChars);
        return next < 0 ? text.Length : anchor + 1 + next;
    }

    protected override int NextAnchor(string text, int from, Span<int> found) => IndexOfAny(text, from, Prefixes, found);

    // Not glued to a letter or digit before it, except the 'n' of a JSON-escaped line break ("\nAKIA…").
    protected override int ValidatedLength(string text, int index, int length) =>
        index == 0 || !char.IsAsciiLetterOrDigit(text[index - 1]) || TokenText.IsStartBoundary(text, index) ? length : 0;

    [GeneratedRegex(@"A[KS]IA[A-Z0-9]{16}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex AwsAccessKeyPattern();
}
