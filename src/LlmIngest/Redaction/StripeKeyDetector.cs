using System.Buffers;
using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>Stripe keys: secret (<c>sk_</c>), restricted (<c>rk_</c>) and publishable (<c>pk_</c>), live or test.</summary>
internal sealed partial class StripeKeyDetector : RegexDetector
{
    private static readonly SearchValues<string> Modes = SearchValues.Create(["_live_", "_test_"], StringComparison.Ordinal);

    public override string Kind => "stripe_key";

    public override string Marker => "[STRIPE_KEY]";

    protected override Regex Pattern => StripeKeyPattern();

    protected override int FirstCandidate(string text)
    {
        var mode = text.AsSpan().IndexOfAny(Modes);
        return mode < 0 ? -1 : Math.Max(0, mode - 2);
    }

    protected override int ValidatedLength(string text, int index, int length) =>
        TokenText.IsStandalone(text, index, length) && TokenText.LooksRandom(text.AsSpan(index + 8, length - 8)) ? length : 0;

    [GeneratedRegex(@"[spr]k_(?:live|test)_[A-Za-z0-9]{10,247}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex StripeKeyPattern();
}
