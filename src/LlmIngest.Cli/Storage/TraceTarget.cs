
namespace LlmIngest.Cli.Storage;

/// <summary>Which trace to read and under which tenant: the flag, else the tenant of its JSONL lines, else the configured one.</summary>
internal static class TraceTarget
{
    public static void ValidateIds(string traceId, string? spanId, string? tenantId)
    {
        if (!LlmTracePayloadReader.IsValidId(traceId))
        {
            throw new CliException(ExitCodes.Usage, $"'{traceId}' is not a trace id: 1-128 characters of [A-Za-z0-9._-] starting with a letter or digit.");
        }

        if (spanId is not null && !LlmTracePayloadReader.IsValidId(spanId))
        {
            throw new CliException(ExitCodes.Usage, $"'{spanId}' is not a span id: 1-128 characters of [A-Za-z0-9._-] starting with a letter or digit.");
        }

        if (tenantId is not null && !LlmTracePayloadReader.IsValidTenantId(tenantId))
        {
            throw new CliException(ExitCodes.Usage, $"'{tenantId}' is not a tenant id: 1-64 characters of [A-Za-z0-9._-] starting with a letter or digit.");
        }
    }

    public static string Tenant(string? flag, IReadOnlyList<LlmTraceLogLine> lines, LlmTraceIngestOptions options) =>
        flag ?? (lines.Count > 0 ? lines[0].TenantId : null) ?? options.Storage.ReadTenant ?? options.DefaultTenant;
}
