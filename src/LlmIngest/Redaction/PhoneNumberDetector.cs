using System.Buffers;
using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// Phone numbers: North American (<c>(555) 123-4567</c>, <c>555-123-4567</c>, <c>1-800-555-0199</c>, <c>+1 555 123 4567</c>),
/// international E.164 with optional separators (<c>+44 20 7946 0958</c>, <c>+14155550132</c>, <c>(+44) 20 7946 0958</c>,
/// <c>0044 20 7946 0958</c>) and common national forms
/// starting with the trunk prefix 0 (UK <c>020 7946 0958</c>, DE <c>030 12345678</c> / <c>(030) 1234567</c>,
/// FR <c>01 23 45 67 89</c>, IN <c>098765 43210</c>). Bare runs of digits without a <c>+</c> or separators are left alone.
/// </summary>
internal sealed partial class PhoneNumberDetector : RegexDetector
{
    private static readonly SearchValues<char> Starts = SearchValues.Create("+(0123456789");

    // Every form the pattern knows has a '+', a '(' or a separator: a text with none of them (a long run of digits,
    // a hash) holds no phone number, and skipping it keeps the regex from trying every digit as a start.
    private static readonly SearchValues<char> Required = SearchValues.Create("+( .-");

    public override string Kind => "phone";

    public override string Marker => "[PHONE]";

    public override FindingShape Shape => FindingShape.Number;

    protected override Regex Pattern => PhonePattern();

    protected override int FirstCandidate(string text) =>
        text.AsSpan().ContainsAny(Required) ? text.AsSpan().IndexOfAny(Starts) : -1;

    protected override int ValidatedLength(string text, int index, int length)
    {
        // E.164 allows at most 15 digits; fewer than 8 is an extension, a year or a version number.
        var digits = CountDigits(text.AsSpan(index, length));
        var minimum = text[index] == '+' ? 8 : 9;
        return digits >= minimum && digits <= 15 ? length : 0;
    }

    private static int CountDigits(ReadOnlySpan<char> span)
    {
        var count = 0;
        foreach (var c in span)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }

    [GeneratedRegex(
        @"(?<![\w+.-])(?:" +
        @"(?:\+\d{1,3}|\(\+\d{1,3}\)|00[1-9]\d{0,2}(?=[ .-]))[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}" + // international: +44, (+44), 0044
        @"|(?:1[ .-])?(?:\(\d{3}\)[ ]?|\d{3}[ .-])\d{3}[ .-]\d{4}" + // North American
        @"|\(0\d{1,4}\)[ ]?\d{2,8}(?:[ .-]\d{2,8}){0,3}" + // national with the area code in parentheses (DE, UK)
        @"|0[1-9]\d{0,4}[ .-]\d{2,8}(?:[ .-]\d{2,8}){0,3}" + // national trunk prefix 0 (UK, DE, FR, IN)
        @")(?![\w]|[.-]\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
