using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>Stripe keys: secret (<c>sk_</c>), restricted (<c>rk_</c>) and publishable (<c>pk_</c>), live or test.</summary>
internal sealed partial class StripeKeyDetector : RegexDetector
{
    public override string Kind => "stripe_key";

    public override string Marker => "[STRIPE_KEY]";

    protected override Regex Pattern => StripeKeyPattern();

    protected override int WindowLength => 256;

    protected override int SkipAfter(string text, int anchor) => EndOfToken(text, anchor);

    protected override int NextAnchor(string text, int from, Span<int> found)
    {
        for (var i = text.IndexOf("k_", Math.Max(from, 1), StringComparison.Ordinal); i >= 0; i = text.IndexOf("k_", i + 1, StringComparison.Ordinal))
        {
            if (text[i - 1] is 's' or 'r' or 'p')
            {
                return i - 1;
            }
        }

        return -1;
    }

    protected override int ValidatedLength(string text, int index, int length) =>
        TokenText.IsStandalone(text, index, length) && TokenText.LooksRandom(text.AsSpan(index + 8, length - 8)) ? length : 0;

    [GeneratedRegex(@"[spr]k_(?:live|test)_[A-Za-z0-9]{10,247}", RegexOptions.CultureInvariant)]
    private static partial Regex StripeKeyPattern();
}
