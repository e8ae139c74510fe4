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

    public override string Kind => "phone";

    public override string Marker => "[PHONE]";

    public override FindingShape Shape => FindingShape.Number;

    protected override Regex Pattern => PhonePattern();

    // The regex is anchored (\G) at each candidate start, so each candidate costs one attempt.
    protected override int WindowLength => 40;

    protected override bool IsAnchored => true;

    // A '+', '(' or digit starting at least 8 digits joined only by separators: most numbers in prose have far fewer.
    protected override int NextAnchor(string text, int from, Span<int> found)
    {
        var i = from;
        while (i < text.Length)
        {
            var next = text.AsSpan(i).IndexOfAny(Starts);
            if (next < 0)
            {
                return -1;
            }

            i += next;
            if (CouldStartAt(text, i) && DigitsInNumber(text, i) >= 8)
            {
                return i;
            }

            i = char.IsAsciiDigit(text[i]) ? EndOfDigits(text, i) : i + 1;
        }

        return -1;
    }

    protected override int SkipAfter(string text, int anchor) => char.IsAsciiDigit(text[anchor]) ? EndOfDigits(text, anchor) : anchor + 1;

    protected override int ValidatedLength(string text, int index, int length)
    {
        // E.164 allows at most 15 digits; fewer than 8 is an extension, a year or a version number.
        var digits = CountDigits(text.AsSpan(index, length));
        var minimum = text[index] == '+' ? 8 : 9;

        // The regex takes as many digit groups as it can, so a number followed by another ("+44 20 7946 0958 2024")
        // matches as one run of more than 15 digits. Give back trailing groups until it fits: rejecting the whole run
        // would leave the phone number in the text.
        while (digits > 15)
        {
            var separator = text.AsSpan(index, length).LastIndexOfAny(" .-");
            if (separator <= 0)
            {
                return 0;
            }

            digits -= CountDigits(text.AsSpan(index + separator, length - separator));
            length = separator;
        }

        return digits >= minimum ? length : 0;
    }

    private static bool ClosesShortGroup(string text, int open)
    {
        var end = Math.Min(text.Length, open + 8);
        for (var j = open + 1; j < end; j++)
        {
            var c = text[j];
            if (c == ')')
            {
                return j > open + 1;
            }

            if (!char.IsAsciiDigit(c) && !(c == '+' && j == open + 1))
            {
                return false;
            }
        }

        return false;
    }

    // The cheap shape checks of the regex's branches: "+", "(", "0" trunk prefix, or North American "ddd" / "1 ddd",
    // at a position the regex's lookbehind allows.
    private static bool CouldStartAt(string text, int i)
    {
        if (i > 0 && (char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '+' or '.' or '-'))
        {
            return false;
        }

        var c = text[i];
        if (c == '(')
        {
            // Every branch that opens a parenthesis closes it after 1-5 digits (or '+' and 1-3 digits): "(415)", "(+44)", "(030)".
            return ClosesShortGroup(text, i);
        }

        if (c is '+' or '0')
        {
            return true;
        }

        var digits = i;
        if (c == '1' && i + 1 < text.Length && text[i + 1] is ' ' or '.' or '-')
        {
            digits = i + 2;
            if (digits < text.Length && text[digits] == '(')
            {
                return true;
            }
        }

        return digits + 3 < text.Length && char.IsAsciiDigit(text[digits]) && char.IsAsciiDigit(text[digits + 1]) && char.IsAsciiDigit(text[digits + 2]);
    }

    // Digits in the run of digits, spaces, dots, dashes and parentheses from start (after a leading '+' or "(+").
    private static int DigitsInNumber(string text, int start)
    {
        var i = start;
        if (text[i] == '(' && i + 1 < text.Length && text[i + 1] == '+')
        {
            i++;
        }

        if (text[i] == '+')
        {
            i++;
        }

        var end = Math.Min(text.Length, start + 28);
        var digits = 0;
        for (; i < end; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '.' or '-' or '(' or ')'))
            {
                break;
            }
        }

        return digits;
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
        @"\G(?<![\w+.-])(?:" +
        @"(?:\+\d{1,3}|\(\+\d{1,3}\)|00[1-9]\d{0,2}(?=[ .-]))[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}" + // international: +44, (+44), 0044
        @"|(?:1[ .-])?(?:\(\d{3}\)[ ]?|\d{3}[ .-])\d{3}[ .-]\d{4}" + // North American
        @"|\(0\d{1,4}\)[ ]?\d{2,8}(?:[ .-]\d{2,8}){0,3}" + // national with the area code in parentheses (DE, UK)
        @"|0[1-9]\d{0,4}[ .-]\d{2,8}(?:[ .-]\d{2,8}){0,3}" + // national trunk prefix 0 (UK, DE, FR, IN)
        @")(?![\w]|[.-]\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
