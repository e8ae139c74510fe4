using System.Collections.Frozen;

namespace LlmIngest.Redaction;

/// <summary>IBAN checks: the length registered for the country and the ISO 7064 mod-97 check digits.</summary>
internal static class IbanValidator
{
    // Country code and IBAN length, from the SWIFT IBAN registry.
    private const string Registry =
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 " +
        "LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20";

    private static readonly FrozenDictionary<string, int> LengthByCountry = ParseRegistry();

    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lengths =
        LengthByCountry.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The IBAN length registered for the two-letter country code, or 0 when the country has none.</summary>
    public static int LengthOf(ReadOnlySpan<char> country) => Lengths.TryGetValue(country, out var length) ? length : 0;

    private static FrozenDictionary<string, int> ParseRegistry()
    {
        var lengths = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in Registry.Split(' '))
        {
            lengths[entry[..2]] = int.Parse(entry.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture);
        }

        return lengths.ToFrozenDictionary(StringComparer.Ordinal);
    }

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
                if (c is ' ' or '-')
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
