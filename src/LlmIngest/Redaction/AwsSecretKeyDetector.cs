using System.Buffers;
using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// AWS secret access keys: 40 base64 characters mixing cases and digits, within 100 characters after a mention of
/// <c>aws</c> or <c>secret</c>. Without that context a 40-character string is too often something else.
/// </summary>
internal sealed partial class AwsSecretKeyDetector : RegexDetector
{
    private const int ContextWindow = 100;

    public override string Kind => "aws_secret_key";

    public override string Marker => "[AWS_SECRET_KEY]";

    protected override Regex Pattern => AwsSecretKeyPattern();

    protected override int WindowLength => 1024;

    // The context check reads the text before each key, so any key inside a window is judged right.
    protected override int MaxFindingLength => 41;

    // One case-insensitive vectorized search for both words: cheaper than six ordinal searches of their spellings.
    private static readonly SearchValues<string> Context = SearchValues.Create(["aws", "secret"], StringComparison.OrdinalIgnoreCase);

    protected override int NextAnchor(string text, int from, Span<int> found)
    {
        var next = text.AsSpan(from).IndexOfAny(Context);
        return next < 0 ? -1 : from + next;
    }

    protected override int ValidatedLength(string text, int index, int length)
    {
        if (!TokenText.LooksRandom(text.AsSpan(index, length)))
        {
            return 0;
        }

        var windowStart = Math.Max(0, index - ContextWindow);
        var context = text.AsSpan(windowStart, index - windowStart);
        return context.Contains("aws", StringComparison.OrdinalIgnoreCase) || context.Contains("secret", StringComparison.OrdinalIgnoreCase)
            ? length
            : 0;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])", RegexOptions.CultureInvariant)]
    private static partial Regex AwsSecretKeyPattern();
}
