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
        hints ??= PhoneRegionHints.Of(text);
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
        hints ??= PhoneRegionHints.Of(text);
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
