using System.Buffers;
using PhoneNumbers;

namespace LlmIngest.Redaction;

/// <summary>
/// The regions a text hints it was written in: the <c>+CC</c> country codes in it, country and city names, and the
/// script and letters it is written in. Computed once per text, and only when a phone number candidate needs it.
/// </summary>
internal static class PhoneRegionHints
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

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

    // Computed once per text, and only when a candidate needs it.
    public static List<string> Of(string text)
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
}
