using System.Buffers;
using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// Phone numbers: North American (<c>(555) 123-4567</c>, <c>555-123-4567</c>, <c>1-800-555-0199</c>, <c>+1 555 123 4567</c>),
/// international E.164 with optional separators (<c>+44 20 7946 0958</c>, <c>+14155550132</c>, <c>(+44) 20 7946 0958</c>,
/// <c>0044 20 7946 0958</c>) and common national forms
/// starting with the trunk prefix 0 (UK <c>020 7946 0958</c>, DE <c>030 12345678</c> / <c>(030) 1234567</c>,
/// FR <c>01 23 45 67 89</c>, IN <c>098765 43210</c>). Numbers of other shapes (<c>030/1234567</c>, <c>03012345678</c>,
/// <c>98765 43210</c>, <c>+49 (0) 30 …</c>) are found when libphonenumber's plan for a region the text hints at, or for a
/// region where numbers are commonly written nationally, says they are valid (<see cref="PhoneNumberValidator"/>).
/// After a keyword (<c>phone</c>, <c>Tel.</c>, a <c>"mobile":</c> key) the context rule <c>phone-keyword</c> admits any
/// run of 8 to 15 digits that is not a date (seven-digit local numbers are too easily something else). Other bare runs of digits are left alone.
/// </summary>
internal sealed partial class PhoneNumberDetector : RegexDetector
{
    private static readonly SearchValues<char> Starts = SearchValues.Create("+(0123456789");

    private static readonly ContextKeywords Keywords = new(
        "phone-keyword",
        ["phone", "tel", "telephone", "mobile", "cell", "fax", "telefon", "handy", "téléphone", "tél", "teléfono", "telefone",
         "telefono", "celular", "móvil", "portable", "mobil", "telefoon", "whatsapp", "電話", "携帯", "电话", "手机", "전화", "телефон",
         "contact number", "call", "reach me at", "text me at", "dial", "sms", "telefonnummer", "rufnummer", "handynummer",
         "mobilnummer", "phonenumber", "ph", "mob", "tlf", "tfn", "landline", "cellphone", "hotline"],
        maxGap: 24,
        maxGapLetters: 12);

    private const int MinValidations = 64;

    private const int CharsPerValidation = 8192;

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
            if (PhoneNumberText.CouldStartAt(text, i) && PhoneNumberText.DigitsInNumber(text, i) >= 8)
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
        var digits = PhoneNumberText.CountDigits(text.AsSpan(index, length));
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

            digits -= PhoneNumberText.CountDigits(text.AsSpan(index + separator, length - separator));
            length = separator;
        }

        return digits >= minimum ? length : 0;
    }

    // One pass over the numbers the shape regex did not take: a keyword shortly before one admits it (phone-keyword),
    // otherwise the number plans decide. Looking back from the rare long numbers for a keyword is far cheaper than
    // searching the whole text for keywords.
    protected override bool HasContextRules => true;

    protected override void FindByContext(string text, int priority, List<RedactionMatch> matches, int shapeFindings)
    {
        List<string>? hints = null;
        var shapeEnd = matches.Count;
        var cursor = shapeFindings;

        // Asking the number plans costs tens of microseconds: text made of candidates (a megabyte of national numbers)
        // gets a budget, past which phone-shaped candidates are redacted without asking (failing closed).
        var budget = MinValidations + (text.Length / CharsPerValidation);
        var i = 0;
        while (i < text.Length)
        {
            var next = text.AsSpan(i).IndexOfAny(Starts);
            if (next < 0)
            {
                return;
            }

            i += next;
            var isDigit = char.IsAsciiDigit(text[i]);
            if (isDigit)
            {
                // Most runs of digits are short numbers standing alone (years, counts, ids): skip them at once. A scalar
                // loop: for runs this short it is cheaper than a vectorized search.
                var runEnd = i + 1;
                while (runEnd < text.Length && runEnd - i < 8 && char.IsAsciiDigit(text[runEnd]))
                {
                    runEnd++;
                }

                if (runEnd - i < 8 && !PhoneNumberText.ContinuesAsNumber(text, runEnd))
                {
                    i = runEnd;
                    continue;
                }
            }

            if (!PhoneNumberText.IsBoundaryBefore(text, i) || IsCovered(matches, shapeFindings, shapeEnd, ref cursor, i))
            {
                i = isDigit ? EndOfDigits(text, i) : i + 1;
                continue;
            }

            var end = PhoneNumberText.NumberEnd(text, i, out var digits);
            if (end < 0)
            {
                // Longer than any phone number: skip the whole run, so a megabyte of digits is read once.
                i = PhoneNumberText.SkipRun(text, i);
                continue;
            }

            if (digits >= 8 && !PhoneNumberCandidate.LooksLikeDate(text.AsSpan(i, end - i)))
            {
                var afterKeyword = Keywords.Precedes(text, i);
                if (afterKeyword || PhoneNumberCandidate.IsValid(text, i, end, digits, ref hints, budget-- > 0))
                {
                    matches.Add(new RedactionMatch(i, end - i, priority, this, afterKeyword ? Keywords.Rule : null));
                    i = end;
                    continue;
                }
            }

            i = isDigit ? EndOfDigits(text, i) : i + 1;
        }
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
