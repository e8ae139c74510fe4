namespace LlmIngest.Sampling;

/// <summary>
/// Decides, on the worker, whether a call keeps its payload (see <see cref="SamplingOptions"/>): errors and slow calls
/// first, then the upstream sampled flag when honoured and known, then the most specific rate by trace id.
/// </summary>
internal sealed class TraceSampler
{
    private readonly SamplingOptions _options;
    private readonly long _defaultBound;
    private readonly Dictionary<string, long> _tenantBounds;
    private readonly Dictionary<string, long> _functionBounds;
    private readonly double? _slowerThanMs;

    public TraceSampler(SamplingOptions options)
    {
        _options = options;
        _defaultBound = TraceIdRatio.UpperBound(options.Rate);
        _tenantBounds = Bounds(options.TenantRates);
        _functionBounds = Bounds(options.FunctionRates);
        _slowerThanMs = options.KeepSlowerThan?.TotalMilliseconds;
        KeepsAll = options.Rate >= 1.0 && _tenantBounds.Values.All(b => b == long.MaxValue)
            && _functionBounds.Values.All(b => b == long.MaxValue) && !options.HonorUpstreamSampledFlag;
    }

    /// <summary>True when every call is kept (the default), so the decision can be skipped.</summary>
    public bool KeepsAll { get; }

    /// <summary>What a sampled-out call keeps.</summary>
    public SampledOutMode SampledOut => _options.SampledOut;

    /// <param name="trace">The call.</param>
    /// <param name="tenant">The tenant to decide for when the trace has none yet (the record call stamps the default later).</param>
    public SamplingOutcome Decide(LlmTrace trace, string? tenant = null)
    {
        if (KeepsAll)
        {
            return SamplingOutcome.Keep;
        }

        if (_options.KeepErrors && (trace.Error is not null || trace.ErrorType is not null))
        {
            return SamplingOutcome.Keep;
        }

        if (_slowerThanMs is { } slow && trace.LatencyMs > slow)
        {
            return SamplingOutcome.Keep;
        }

        if (_options.HonorUpstreamSampledFlag && trace.UpstreamSampled is { } sampled)
        {
            return sampled ? SamplingOutcome.Keep : SamplingOutcome.DropByUpstream;
        }

        var bound = BoundFor(trace, trace.TenantId ?? tenant);
        if (bound == long.MaxValue)
        {
            return SamplingOutcome.Keep;
        }

        return TraceIdRatio.IsKept(trace.TraceId ?? string.Empty, bound) ? SamplingOutcome.Keep : SamplingOutcome.DropByRate;
    }

    private long BoundFor(LlmTrace trace, string? tenantId)
    {
        if (trace.FunctionName is { } function && _functionBounds.TryGetValue(function, out var byFunction))
        {
            return byFunction;
        }

        if (tenantId is { } tenant && _tenantBounds.TryGetValue(tenant, out var byTenant))
        {
            return byTenant;
        }

        return _defaultBound;
    }

    private static Dictionary<string, long> Bounds(Dictionary<string, double>? rates)
    {
        var bounds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, rate) in rates ?? [])
        {
            bounds[name] = TraceIdRatio.UpperBound(rate);
        }

        return bounds;
    }
}
