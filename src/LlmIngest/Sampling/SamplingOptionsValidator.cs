using System.Globalization;

namespace LlmIngest.Sampling;

/// <summary>Validates <see cref="SamplingOptions"/> at start, naming the configuration key of each problem.</summary>
internal static class SamplingOptionsValidator
{
    public static void AddErrors(SamplingOptions? sampling, string section, List<string> errors)
    {
        if (sampling is null)
        {
            errors.Add($"{section} must not be null.");
            return;
        }

        AddRateError(sampling.Rate, $"{section}:Rate", errors);
        foreach (var (tenant, rate) in sampling.TenantRates ?? [])
        {
            AddRateError(rate, $"{section}:TenantRates:{tenant}", errors);
        }

        foreach (var (function, rate) in sampling.FunctionRates ?? [])
        {
            AddRateError(rate, $"{section}:FunctionRates:{function}", errors);
        }

        if (sampling.KeepSlowerThan is { } slow && slow <= TimeSpan.Zero)
        {
            errors.Add($"{section}:KeepSlowerThan must be positive, or unset to keep no call for being slow (got {slow}).");
        }

        if (!Enum.IsDefined(sampling.SampledOut))
        {
            errors.Add($"{section}:SampledOut must be IndexLineOnly or Nothing.");
        }
    }

    private static void AddRateError(double rate, string key, List<string> errors)
    {
        if (!(rate is >= 0.0 and <= 1.0))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be between 0 and 1, the share of traces kept (got {rate})."));
        }
    }
}
