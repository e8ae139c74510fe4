namespace LlmIngest.Redaction;

/// <summary>
/// Decides whether a run of digits the phone detector found outside its shape regex is a phone number: cheap shape
/// checks first, then the number plans (<see cref="PhoneNumberValidator"/>) only for shapes a phone number has.
/// </summary>
internal static class PhoneNumberCandidate
{
    // The cheap checks first: libphonenumber is called only for shapes a phone number has.
    public static bool IsValid(string text, int start, int end, int digits, ref List<string>? hints, bool ask)
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

    // 2024-01-15, 15.01.2024, 01/15/2024 10:30, 20240115: a date, possibly followed by a time.
    public static bool LooksLikeDate(ReadOnlySpan<char> value)
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
}
