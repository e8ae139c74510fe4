using System.Collections.Frozen;

namespace LlmIngest.Redaction;

/// <summary>IBAN checks: the length registered for the country and the ISO 7064 mod-97 check digits.</summary>
internal static class IbanValidator
{
    private static readonly FrozenDictionary<string, int> LengthByCountry = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22,
        ["BH"] = 22, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22,
        ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27,
        ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28,
        ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20,
        ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MD"] = 24,
        ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18, ["NO"] = 15, ["PK"] = 24,
        ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24, ["SC"] = 31,
        ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lengths =
        LengthByCountry.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The IBAN length registered for the two-letter country code, or 0 when the country has none.</summary>
    public static int LengthOf(ReadOnlySpan<char> country) => Lengths.TryGetValue(country, out var length) ? length : 0;

    /// <summary>Checks the mod-97 check digits of an IBAN written with or without spaces.</summary>
    public static bool HasValidChecksum(ReadOnlySpan<char> iban)
    {
        // Move the first four characters to the end, read letters as 10..35, and take the whole number mod 97
        // digit by digit so it never overflows.
        var remainder = 0;
        var seen = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            seen = 0;
            foreach (var c in iban)
            {
                if (c == ' ')
                {
                    continue;
                }

                var inRotatedPart = seen < 4;
                seen++;
                if (inRotatedPart != (pass == 1))
                {
                    continue;
                }

                if (char.IsAsciiDigit(c))
                {
                    remainder = ((remainder * 10) + (c - '0')) % 97;
                }
                else if (char.IsAsciiLetter(c))
                {
                    remainder = ((remainder * 100) + (char.ToUpperInvariant(c) - 'A' + 10)) % 97;
                }
                else
                {
                    return false;
                }
            }
        }

        return seen > 4 && remainder == 1;
    }
}
