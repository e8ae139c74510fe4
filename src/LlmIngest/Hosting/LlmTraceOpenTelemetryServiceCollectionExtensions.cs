using LlmIngest;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Turns on LlmIngest's OpenTelemetry GenAI spans and metrics.</summary>
public static class LlmTraceOpenTelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Turns on the GenAI spans and metrics of LlmIngest (<c>LlmIngest:OpenTelemetry:Enabled</c>), then applies
    /// <paramref name="configure"/>. Register them with the SDK: <c>AddSource(LlmTraceOpenTelemetry.ActivitySourceName)</c>
    /// and <c>AddMeter(LlmTraceOpenTelemetry.MeterName)</c>.
    /// </summary>
    public static IServiceCollection AddLlmTraceOpenTelemetry(this IServiceCollection services, Action<LlmTraceOpenTelemetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // PostConfigure: the one-call opt-in wins over configuration and code that ran before or after it.
        services.AddOptions<LlmTraceIngestOptions>().PostConfigure(options =>
        {
            options.OpenTelemetry.Enabled = true;
            configure?.Invoke(options.OpenTelemetry);
        });
        return services;
    }
}
