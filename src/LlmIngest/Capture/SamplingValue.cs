using System.Globalization;

namespace LlmIngest.Capture;

/// <summary>Sampling parameters as the app meant them.</summary>
internal static class SamplingValue
{
    /// <summary>
    /// A sampling parameter as the decimal the app wrote: <c>0.3f</c> widened to double is 0.30000001192092896, but its
    /// shortest round-trip text is "0.3", which is what was meant and what the provider's JSON carries.
    /// </summary>
    public static double? AsSet(float? value) =>
        value is { } v && float.IsFinite(v)
            ? double.Parse(v.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture)
            : value;
}
