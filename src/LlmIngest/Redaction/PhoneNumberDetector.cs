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

    // The most characters a number spans: 15 digits with a separator or two between most of them.
    private const int MaxNumberLength = 32;

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

                if (runEnd - i < 8 && !ContinuesAsNumber(text, runEnd))
                {
                    i = runEnd;
                    continue;
                }
            }

            if (!IsBoundaryBefore(text, i) || IsCovered(matches, shapeFindings, shapeEnd, ref cursor, i))
            {
                i = isDigit ? EndOfDigits(text, i) : i + 1;
                continue;
            }

            var end = NumberEnd(text, i, out var digits);
            if (end < 0)
            {
                // Longer than any phone number: skip the whole run, so a megabyte of digits is read once.
                i = SkipRun(text, i);
                continue;
            }

            if (digits >= 8 && !LooksLikeDate(text.AsSpan(i, end - i)))
            {
                var afterKeyword = Keywords.Precedes(text, i);
                if (afterKeyword || IsValidNumber(text, i, end, digits, ref hints, budget-- > 0))
                {
                    matches.Add(new RedactionMatch(i, end - i, priority, this, afterKeyword ? Keywords.Rule : null));
                    i = end;
                    continue;
                }
            }

            i = isDigit ? EndOfDigits(text, i) : i + 1;
        }
    }

    // A separator and more digits after a run: "030 1234", "98765 43210", "(030)/…", "089 / 123".
    private static bool ContinuesAsNumber(string text, int runEnd)
    {
        var limit = Math.Min(text.Length, runEnd + 4);
        for (var j = runEnd; j < limit; j++)
        {
            var c = text[j];
            if (char.IsAsciiDigit(c))
            {
                return j > runEnd;
            }

            if (c is not (' ' or '-' or '.' or '/' or '(' or ')'))
            {
                return false;
            }
        }

        return false;
    }

    // The cheap checks first: libphonenumber is called only for shapes a phone number has.
    private static bool IsValidNumber(string text, int start, int end, int digits, ref List<string>? hints, bool ask)
    {
        var first = text[start] == '(' ? start + 1 : start;
        var candidate = text.AsSpan(first, end - first);
        if (candidate[0] == '+' || (candidate.StartsWith("00") && digits >= 10))
        {
            // A '+' says "phone number" by itself: any length the country's plan allows will do.
            return !ask || PhoneNumberValidator.IsPossibleInternational(candidate);
        }

        // Grouped the way only phone numbers are (539 669 637, 44 21 90 27, 56-652-83-52, (906)953-37-81): valid in
        // any region whose plan has such numbers.
        var written = text.AsSpan(start, end - start);
        if (IsGroupedLikeAPhone(written, digits) && (!ask || PhoneNumberValidator.RegionOfAny(written, text, ref hints) is not null))
        {
            return true;
        }

        // 219-09-9999 is an SSN's shape, never a phone number's.
        if (candidate.Length == 11 && candidate[3] == '-' && candidate[6] == '-')
        {
            return false;
        }

        // Dots and a one-digit first or last group belong to versions, addresses and ISBNs (0-306-40615-2); the dotted
        // national forms people write (01.23.45.67.89) are the shape regex's.
        if (candidate.Contains('.') || HasOneDigitEdgeGroup(candidate))
        {
            return false;
        }

        // With the trunk prefix (030 12345678, 03012345678, 030/1234567): any region that writes numbers that way.
        if (candidate[0] == '0')
        {
            return digits is >= 9 and <= 13 && (!ask || PhoneNumberValidator.RegionOfNational(candidate, text, ref hints) is not null);
        }

        // Without it, numbers are part and order numbers as often as phones: the mobile shapes of the two largest
        // number plans (IN 98765 43210, CN 138 0013 8000), or a number valid where the text's language or place names
        // say it was written (991 912 886 in Spanish text).
        var separators = candidate.Length - digits;
        if (digits is < 9 or > 12)
        {
            return false;
        }

        if (separators > 0 && digits == 10 && candidate.Length == 11 && candidate[5] == ' ' && candidate[0] is >= '6' and <= '9')
        {
            return !ask || PhoneNumberValidator.IsValidIn(candidate, "IN");
        }

        if (separators > 0 && digits == 11 && candidate[0] == '1' && candidate[1] is >= '3' and <= '9')
        {
            return !ask || PhoneNumberValidator.IsValidIn(candidate, "CN");
        }

        // Only a region named in the text makes these phone numbers: without asking, they stay.
        return ask && PhoneNumberValidator.RegionOfHinted(candidate, text, ref hints) is not null;
    }

    // "(72) 46850-6931", "(906)953-37-81": an area code in parentheses, then two or more groups of 2-5 digits. Or three
    // or more groups joined by one separator, of 2-3 digits after a first of 2-4 (5687-563-841): part numbers
    // (123-4567-890), order numbers (2024-118-55213) and card-like groups of four are not written that way. Dots only
    // in three groups of three (566.455.018).
    private static bool IsGroupedLikeAPhone(ReadOnlySpan<char> written, int digits)
    {
        if (digits is < 8 or > 11)
        {
            return false;
        }

        var i = 0;
        var parenthesized = written[0] == '(';
        if (parenthesized)
        {
            var close = written.IndexOf(')');
            if (close is < 3 or > 5)
            {
                return false;
            }

            i = close + 1;
            if (i < written.Length && written[i] == ' ')
            {
                i++;
            }
        }

        var groups = 0;
        var threes = 0;
        var separator = '\0';
        while (i < written.Length)
        {
            var run = written[i..].IndexOfAnyExceptInRange('0', '9');
            var length = run < 0 ? written.Length - i : run;
            if (length < 2 || length > (parenthesized ? 5 : groups == 0 ? 4 : 3))
            {
                return false;
            }

            groups++;
            threes += length == 3 ? 1 : 0;
            i += length;
            if (i < written.Length)
            {
                var c = written[i];
                if (c is not (' ' or '-' or '.') || (separator != '\0' && c != separator && !parenthesized))
                {
                    return false;
                }

                separator = c;
                i++;
            }
        }

        return parenthesized ? groups >= 2 : groups >= 3 && (separator != '.' || (groups == 3 && threes == 3 && written[3] == '.'));
    }

    private static bool HasOneDigitEdgeGroup(ReadOnlySpan<char> candidate)
    {
        var firstEnd = candidate.IndexOfAnyExceptInRange('0', '9');
        var lastStart = candidate.LastIndexOfAnyExceptInRange('0', '9');
        return firstEnd == 1 || (lastStart >= 0 && lastStart == candidate.Length - 2);
    }

    // Not inside a word, an identifier, an amount or another number; CJK text puts no space before a number ("電話03-…").
    private static bool IsBoundaryBefore(string text, int i)
    {
        if (i == 0)
        {
            return true;
        }

        var c = text[i - 1];
        return !((char.IsLetterOrDigit(c) && c < '\u2e80') || c is '_' or '+' or '.' or '-' or '/' or '#' or '$' or '€' or '£' or '¥')
            && !(char.IsAsciiDigit(text[i]) && ContinuesDigitGroups(text, i));
    }

    // "6767 0444 2636 6597": a group after a space that follows digits belongs to the longer number (a card failing
    // Luhn, a reference), which is not a phone number just because its tail would be one.
    private static bool ContinuesDigitGroups(string text, int i) =>
        i >= 2 && text[i - 1] == ' ' && char.IsAsciiDigit(text[i - 2]);

    // The end of the number starting at start (digits joined by single separators), or -1 when the run is longer than a
    // phone number or runs into a letter.
    private static int NumberEnd(string text, int start, out int digits)
    {
        digits = 0;
        var i = start;
        var open = false;
        if (text[i] == '(' && i + 1 < text.Length && text[i + 1] == '+')
        {
            open = true;
            i++;
        }

        if (text[i] == '+')
        {
            i++;
        }

        var lastDigitEnd = -1;
        var run = 0;
        var limit = Math.Min(text.Length, start + MaxNumberLength);
        for (; i < limit; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
                lastDigitEnd = i + 1;
                run = 0;
            }
            else if (c == '(' && digits <= 4 && !open && ++run <= 2)
            {
                // An area code in parentheses comes early: "+49 (0)30 ...", "(030) ...", not "555-0100 (7 digits".
                open = true;
            }
            else if (c == ')' && open && ++run <= 2)
            {
                open = false;
            }
            else if (!(c is ' ' or '.' or '-' or '/' && (++run <= 2 || (run == 3 && IsSpacedSlash(text, i)))))
            {
                break;
            }
        }

        if (lastDigitEnd < 0 || digits > 15 || (i == limit && i < text.Length && char.IsAsciiDigit(text[i])))
        {
            return -1;
        }

        // Glued to a letter or an underscore ("0301234567abc", "id_0301234567"): an identifier.
        // CJK text puts no space after a number ("03-1234-5678です").
        var next = lastDigitEnd < text.Length ? text[lastDigitEnd] : ' ';
        return (char.IsLetter(next) && next < '\u2e80') || next == '_' ? -1 : lastDigitEnd;
    }

    // "089 / 123 456 78": the one three-character separator German numbers use between area code and number.
    private static bool IsSpacedSlash(string text, int i) => i >= 2 && text[i] == ' ' && text[i - 1] == '/' && text[i - 2] == ' ';

    private static int SkipRun(string text, int start)
    {
        var i = start + 1;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is ' ' or '.' or '-' or '/' or '(' or ')'))
        {
            i++;
        }

        return i;
    }

    // 2024-01-15, 15.01.2024, 01/15/2024 10:30, 20240115: a date, possibly followed by a time.
    private static bool LooksLikeDate(ReadOnlySpan<char> value)
    {
        var separator = value.IndexOfAny("-./");
        if (separator < 0)
        {
            return value.Length == 8 && (value.StartsWith("19") || value.StartsWith("20"));
        }

        var c = value[separator];
        var rest = value[(separator + 1)..];
        var second = rest.IndexOf(c);
        if (second < 0)
        {
            return false;
        }

        var third = rest[(second + 1)..];
        var year = third.IndexOfAnyExceptInRange('0', '9');
        var last = year < 0 ? third.Length : year;
        return (separator == 4 && second <= 2 && last is 1 or 2) || (separator <= 2 && second <= 2 && last is 2 or 4);
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

        if (char.IsAsciiDigit(text[i]) && ContinuesDigitGroups(text, i))
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
