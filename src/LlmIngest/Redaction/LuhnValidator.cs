namespace LlmIngest.Redaction;

/// <summary>The Luhn (mod 10) check used by payment card numbers.</summary>
internal static class LuhnValidator
{
    /// <summary>Checks the digits of <paramref name="text"/>, ignoring spaces, dashes and dots.</summary>
    public static bool IsValid(ReadOnlySpan<char> text, out int digitCount)
    {
        var sum = 0;
        var doubleIt = false;
        digitCount = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is ' ' or '-' or '.')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            var d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
            digitCount++;
        }

        return digitCount > 0 && sum % 10 == 0;
    }
}
