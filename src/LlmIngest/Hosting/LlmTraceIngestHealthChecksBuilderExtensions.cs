using LlmIngest.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the LlmIngest health check.</summary>
public static class LlmTraceIngestHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that is degraded while S3 is unreachable and payloads spool, and unhealthy when the spool is full.
    /// </summary>
    public static IHealthChecksBuilder AddLlmTraceIngest(this IHealthChecksBuilder builder, string name = "llmingest", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<LlmTraceIngestHealthCheck>(name, failureStatus: HealthStatus.Unhealthy, tags: tags ?? []);
    }
}
