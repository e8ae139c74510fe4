using System.Buffers;
using PhoneNumbers;

namespace LlmIngest.Redaction;

/// <summary>
/// Validates phone number candidates against Google's libphonenumber metadata (number plans of every region), so the
/// detector needs no regex per country. A national number is tried in the regions the text hints at (a <c>+CC</c>
/// elsewhere in it, a country or city name) and in the regions whose numbers are most often written nationally.
/// Only candidates the cheap shape checks could not decide reach it: it costs microseconds per call.
/// </summary>
internal static class PhoneNumberValidator
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    // Regions tried for every national number: large populations that write numbers with a trunk prefix or in groups.
    private static readonly string[] DefaultRegions =
        ["DE", "GB", "FR", "IN", "JP", "CN", "BR", "IT", "ES", "NL", "AU", "AT", "CH", "BE", "SE", "PL", "KR", "MX", "RU", "TR"];

    private static readonly string[] MoreRegions =
        ["CZ", "SK", "NO", "DK", "FI", "PT", "IE", "GR", "HU", "UA", "AR", "CO", "CL", "PE", "ZA", "NG", "ID", "VN", "PH", "SG"];

    // Words that place a text in a region: country names in English and in their own language, capitals and big cities.
    private static readonly (string Word, string Region)[] RegionWords =
    [
        ("Germany", "DE"), ("Deutschland", "DE"), ("Berlin", "DE"), ("München", "DE"), ("Hamburg", "DE"),
        ("United Kingdom", "GB"), ("London", "GB"), ("England", "GB"), ("UK", "GB"),
        ("France", "FR"), ("Paris", "FR"), ("India", "IN"), ("Mumbai", "IN"), ("Delhi", "IN"), ("Bangalore", "IN"), ("Bengaluru", "IN"),
        ("Japan", "JP"), ("Tokyo", "JP"), ("日本", "JP"), ("東京", "JP"), ("China", "CN"), ("中国", "CN"), ("北京", "CN"), ("上海", "CN"),
        ("Brazil", "BR"), ("Brasil", "BR"), ("São Paulo", "BR"), ("Italy", "IT"), ("Italia", "IT"), ("Roma", "IT"), ("Milano", "IT"),
        ("Spain", "ES"), ("España", "ES"), ("Madrid", "ES"), ("Netherlands", "NL"), ("Nederland", "NL"), ("Amsterdam", "NL"),
        ("Australia", "AU"), ("Sydney", "AU"), ("Canada", "CA"), ("Toronto", "CA"), ("Mexico", "MX"), ("México", "MX"),
        ("Russia", "RU"), ("Россия", "RU"), ("Москва", "RU"), ("Korea", "KR"), ("한국", "KR"), ("서울", "KR"),
        ("Poland", "PL"), ("Polska", "PL"), ("Warszawa", "PL"), ("Schweiz", "CH"), ("Switzerland", "CH"), ("Zürich", "CH"),
        ("Österreich", "AT"), ("Austria", "AT"), ("Wien", "AT"), ("Sweden", "SE"), ("Sverige", "SE"), ("Türkiye", "TR"), ("Turkey", "TR"),
        ("Portugal", "PT"), ("Lisboa", "PT"), ("Ireland", "IE"), ("Dublin", "IE"), ("Norge", "NO"), ("Norway", "NO"), ("Danmark", "DK"),
        ("Denmark", "DK"), ("Suomi", "FI"), ("Finland", "FI"), ("Indonesia", "ID"), ("Jakarta", "ID"), ("Việt Nam", "VN"), ("Vietnam", "VN"),
        ("Україна", "UA"), ("Ukraine", "UA"), ("Ελλάδα", "GR"), ("Greece", "GR"), ("Česko", "CZ"), ("Czech", "CZ"), ("Argentina", "AR"),
        ("Colombia", "CO"), ("Chile", "CL"), ("Perú", "PE"), ("Peru", "PE"), ("South Africa", "ZA"), ("Nigeria", "NG"), ("Singapore", "SG"),
    ];

    private static readonly SearchValues<string> RegionWordSearch = SearchValues.Create(WordsOf(RegionWords), StringComparison.Ordinal);

    /// <summary>Whether an international number (<c>+44 …</c>, <c>0044 …</c>) is valid for its country code.</summary>
    public static bool IsValidInternational(ReadOnlySpan<char> candidate)
    {
        // "0044 20 ..." is "+44 20 ..." dialled from most of the world.
        var number = candidate.StartsWith("00") ? string.Concat("+", candidate[2..]) : candidate.ToString();
        return IsValid(number, "ZZ");
    }

    /// <summary>Whether an international number has a length its country's plan allows.</summary>
    public static bool IsPossibleInternational(ReadOnlySpan<char> candidate)
    {
        var number = candidate.StartsWith("00") ? string.Concat("+", candidate[2..]) : candidate.ToString();
        try
        {
            return Util.IsPossibleNumber(Util.Parse(number, "ZZ"));
        }
        catch (NumberParseException)
        {
            // An unknown country code: not a phone number.
            return false;
        }
    }

    /// <summary>
    /// The region in which a national number (<c>030 12345678</c>, <c>98765 43210</c>) is valid, trying the regions
    /// <paramref name="text"/> hints at first; null when none.
    /// </summary>
    public static string? RegionOfNational(ReadOnlySpan<char> candidate, string text, ref List<string>? hints)
    {
        var number = candidate.ToString();
        hints ??= RegionHints(text);
        foreach (var region in hints)
        {
            if (IsValid(number, region))
            {
                return region;
            }
        }

        foreach (var region in DefaultRegions)
        {
            if (IsValid(number, region))
            {
                return region;
            }
        }

        return null;
    }

    /// <summary>
    /// The region in which a number already grouped like a phone number is valid: the hinted ones, the default ones, then
    /// more regions whose numbers are written without a trunk prefix.
    /// </summary>
    public static string? RegionOfAny(ReadOnlySpan<char> candidate, string text, ref List<string>? hints)
    {
        var found = RegionOfNational(candidate, text, ref hints);
        if (found is not null)
        {
            return found;
        }

        var number = candidate.ToString();
        foreach (var region in MoreRegions)
        {
            if (IsValid(number, region))
            {
                return region;
            }
        }

        return null;
    }

    /// <summary>The region the text hints at in which the number is valid; null when none.</summary>
    public static string? RegionOfHinted(ReadOnlySpan<char> candidate, string text, ref List<string>? hints)
    {
        var number = candidate.ToString();
        hints ??= RegionHints(text);
        foreach (var region in hints)
        {
            if (IsValid(number, region))
            {
                return region;
            }
        }

        return null;
    }

    /// <summary>Whether the number is valid in <paramref name="region"/>.</summary>
    public static bool IsValidIn(ReadOnlySpan<char> candidate, string region) => IsValid(candidate.ToString(), region);

    // Computed once per text, and only when a candidate needs it.
    private static List<string> RegionHints(string text)
    {
        var hints = new List<string>();
        for (var plus = text.IndexOf('+'); plus >= 0 && plus + 1 < text.Length; plus = text.IndexOf('+', plus + 1))
        {
            var code = 0;
            for (var i = plus + 1; i < text.Length && i <= plus + 3 && char.IsAsciiDigit(text[i]); i++)
            {
                code = (code * 10) + (text[i] - '0');
                var region = Util.GetRegionCodeForCountryCode(code);
                if (region is not ("ZZ" or "001"))
                {
                    Add(hints, region);
                    break;
                }
            }

            if (hints.Count >= 4)
            {
                break;
            }
        }

        // One vectorized pass for all the place names, then a look-up of the ones found.
        for (var at = text.AsSpan().IndexOfAny(RegionWordSearch); at >= 0;)
        {
            foreach (var (word, region) in RegionWords)
            {
                if (text.AsSpan(at).StartsWith(word, StringComparison.Ordinal))
                {
                    Add(hints, region);
                }
            }

            var next = text.AsSpan(at + 1).IndexOfAny(RegionWordSearch);
            at = next < 0 ? -1 : at + 1 + next;
        }

        AddScriptHints(text, hints);
        return hints;
    }

    // The script and the letters a text is written in narrow down where: Cyrillic, Hangul, kana, Han, Greek, and the
    // letters only some Latin alphabets have (ł, ř, ğ, ø, ñ, ã, ß...).
    private static void AddScriptHints(string text, List<string> hints)
    {
        var latinFrom = text.AsSpan().IndexOfAnyExceptInRange('\0', '\u007f');
        if (latinFrom < 0)
        {
            return;
        }

        var kana = false;
        var han = false;
        foreach (var c in text.AsSpan(latinFrom))
        {
            switch (c)
            {
                case >= '\u0400' and <= '\u04ff':
                    Add(hints, "RU");
                    Add(hints, "UA");
                    break;
                case (>= '\uac00' and <= '\ud7af') or (>= '\u1100' and <= '\u11ff'):
                    Add(hints, "KR");
                    break;
                case >= '\u3040' and <= '\u30ff':
                    kana = true;
                    break;
                case >= '\u4e00' and <= '\u9fff':
                    han = true;
                    break;
                case >= '\u0370' and <= '\u03ff':
                    Add(hints, "GR");
                    break;
                case 'ğ' or 'ş' or 'ı' or 'İ' or 'Ş' or 'Ğ':
                    Add(hints, "TR");
                    break;
                case 'ł' or 'Ł' or 'ą' or 'ę' or 'ż' or 'Ż' or 'ź' or 'ś' or 'ć' or 'ń':
                    Add(hints, "PL");
                    break;
                case 'ř' or 'Ř' or 'ě' or 'ů' or 'š' or 'č' or 'ž':
                    Add(hints, "CZ");
                    Add(hints, "SK");
                    break;
                case 'ø' or 'Ø' or 'æ' or 'Æ':
                    Add(hints, "NO");
                    Add(hints, "DK");
                    break;
                case 'å' or 'Å':
                    Add(hints, "SE");
                    Add(hints, "NO");
                    break;
                case 'ñ' or 'Ñ' or '¿' or '¡':
                    Add(hints, "ES");
                    Add(hints, "MX");
                    Add(hints, "AR");
                    Add(hints, "CO");
                    break;
                case 'ã' or 'õ' or 'Ã':
                    Add(hints, "BR");
                    Add(hints, "PT");
                    break;
                case 'ß':
                    Add(hints, "DE");
                    Add(hints, "AT");
                    Add(hints, "CH");
                    break;
                case 'ő' or 'ű':
                    Add(hints, "HU");
                    break;
            }

            if (hints.Count > 12)
            {
                break;
            }
        }

        if (kana)
        {
            Add(hints, "JP");
        }
        else if (han)
        {
            Add(hints, "CN");
            Add(hints, "TW");
            Add(hints, "HK");
        }
    }

    private static string[] WordsOf((string Word, string Region)[] pairs)
    {
        var words = new string[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            words[i] = pairs[i].Word;
        }

        return words;
    }

    private static void Add(List<string> hints, string region)
    {
        if (!hints.Contains(region))
        {
            hints.Add(region);
        }
    }

    private static bool IsValid(string number, string region)
    {
        try
        {
            return Util.IsValidNumber(Util.Parse(number, region));
        }
        catch (NumberParseException)
        {
            // Not a number in this region's plan: the candidate is simply not a phone number here.
            return false;
        }
    }
}
