namespace LlmIngest;

/// <summary>
/// Which calls keep their payload, bound from <c>LlmIngest:Sampling</c>. The decision is made on the worker, never in the
/// record call, and is deterministic by trace id: every service with the same settings keeps or drops the same trace.
/// A call's rate is the most specific one that applies: <see cref="FunctionRates"/> (by function name), then
/// <see cref="TenantRates"/> (by tenant), then <see cref="Rate"/>. Errors (with <see cref="KeepErrors"/>) and calls
/// slower than <see cref="KeepSlowerThan"/> are always kept, whatever the rate or the upstream flag.
/// </summary>
public sealed class SamplingOptions
{
    /// <summary>The share of traces kept, 0 to 1. Default 1 (keep all).</summary>
    public double Rate { get; set; } = 1.0;

    /// <summary>Always keep calls that failed. Default true.</summary>
    public bool KeepErrors { get; set; } = true;

    /// <summary>Always keep calls whose latency is above this; null (the default) keeps none for being slow.</summary>
    public TimeSpan? KeepSlowerThan { get; set; }

    /// <summary>Rates by tenant id (0 to 1), overriding <see cref="Rate"/>.</summary>
    public Dictionary<string, double> TenantRates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rates by function name (0 to 1), overriding the tenant's rate and <see cref="Rate"/>.</summary>
    public Dictionary<string, double> FunctionRates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// When the call was made under a W3C <c>Activity</c> (its trace came from an upstream <c>traceparent</c> or the app's
    /// own tracing), follow that trace's sampled flag instead of the rate: set keeps, cleared drops. Default false.
    /// </summary>
    public bool HonorUpstreamSampledFlag { get; set; }

    /// <summary>What a sampled-out call keeps. Default <see cref="SampledOutMode.IndexLineOnly"/>.</summary>
    public SampledOutMode SampledOut { get; set; } = SampledOutMode.IndexLineOnly;
}
