using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// Payment card numbers: 13 to 19 digits, optionally grouped by spaces or dashes, starting with a card network's digit
/// (2-6: Mastercard, Visa, Amex, Discover, JCB, Diners) and passing the Luhn check, so order numbers, ISBNs and
/// millisecond timestamps survive.
/// </summary>
internal sealed partial class PaymentCardDetector : RegexDetector
{
    public override string Kind => "card";

    public override string Marker => "[CARD]";

    public override FindingShape Shape => FindingShape.Number;

    protected override Regex Pattern => CardPattern();

    protected override int FirstCandidate(string text) => text.AsSpan().IndexOfAnyInRange('2', '6');

    protected override int ValidatedLength(string text, int index, int length) =>
        LuhnValidator.IsValid(text.AsSpan(index, length), out var digits) && digits is >= 13 and <= 19 ? length : 0;

    [GeneratedRegex(@"(?<![\d-])[2-6](?:[ -]?\d){12,18}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();
}
