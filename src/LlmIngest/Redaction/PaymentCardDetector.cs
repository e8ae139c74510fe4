using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// Payment card numbers: 13 to 19 digits, optionally grouped by spaces or dashes (or dots between groups of four,
/// <c>4111.1111.1111.1111</c>; other Unicode spaces are plain spaces in the <see cref="NormalizedView"/>), starting with a card network's digit
/// (2-6: Mastercard, Visa, Amex, Discover, JCB, Diners) and passing the Luhn check, so order numbers, ISBNs and
/// millisecond timestamps survive.
/// </summary>
internal sealed partial class PaymentCardDetector : RegexDetector
{
    public override string Kind => "card";

    public override string Marker => "[CARD]";

    public override FindingShape Shape => FindingShape.Number;

    protected override Regex Pattern => CardPattern();

    // 19 digits with a separator between each: the longest card written out.
    protected override int MaxFindingLength => 38;

    protected override int WindowLength => 256;

    // A digit 2-6 starting a run that holds at least 13 digits within the window.
    protected override int NextAnchor(string text, int from, Span<int> found)
    {
        var i = from;
        while (i < text.Length)
        {
            var next = text.AsSpan(i).IndexOfAnyInRange('0', '9');
            if (next < 0)
            {
                return -1;
            }

            i += next;
            var runEnd = EndOfDigits(text, i);
            if (text[i] is >= '2' and <= '6' && (i == 0 || !char.IsAsciiDigit(text[i - 1])) && CouldContinue(text, i, runEnd)
                && CountDigits(text, i, MaxFindingLength) >= 13)
            {
                return i;
            }

            i = runEnd;
        }

        return -1;
    }

    // Every card's first run of digits holds all 13+ digits or is followed by a group separator: most numbers in prose
    // (years, counts, amounts) are rejected without counting the digits after them.
    private static bool CouldContinue(string text, int start, int runEnd) =>
        runEnd - start >= 13 || (runEnd < text.Length && text[runEnd] is ' ' or '-' or '.');

    protected override int SkipAfter(string text, int anchor) => EndOfDigits(text, anchor);

    protected override int ValidatedLength(string text, int index, int length) =>
        LuhnValidator.IsValid(text.AsSpan(index, length), out var digits) && digits is >= 13 and <= 19 ? length : 0;

    // Not glued to letters (a reference like SI50625426044782248 holds Luhn-valid runs by chance). Dots only between whole groups (4-4-4-4[-3], Amex 4-6-5), so decimals and dotted versions are never read as one.
    [GeneratedRegex(@"(?<![A-Za-z\d-])[2-6](?:[ -]?\d){12,18}(?!\d)|(?<![A-Za-z\d.-])(?:[2-6]\d{3}(?:\.\d{4}){3}(?:\.\d{1,3})?|3\d{3}\.\d{6}\.\d{5})(?![\d]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();
}
