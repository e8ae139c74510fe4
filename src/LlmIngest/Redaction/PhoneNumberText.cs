namespace LlmIngest.Redaction;

/// <summary>
/// Reads the text around a phone number candidate: where a number may start, where it ends, and what stands before it.
/// </summary>
internal static class PhoneNumberText
{
    // The most characters a number spans: 15 digits with a separator or two between most of them.
    private const int MaxNumberLength = 32;

    // A separator and more digits after a run: "030 1234", "98765 43210", "(030)/…", "089 / 123".
    public static bool ContinuesAsNumber(string text, int runEnd)
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

    // Not inside a word, an identifier, an amount or another number; CJK text puts no space before a number ("電話03-…").
    public static bool IsBoundaryBefore(string text, int i)
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
    public static int NumberEnd(string text, int start, out int digits)
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

    public static int SkipRun(string text, int start)
    {
        var i = start + 1;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is ' ' or '.' or '-' or '/' or '(' or ')'))
        {
            i++;
        }

        return i;
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
    public static bool CouldStartAt(string text, int i)
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
    public static int DigitsInNumber(string text, int start)
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

    public static int CountDigits(ReadOnlySpan<char> span)
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
}
