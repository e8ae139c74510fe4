namespace LlmIngest.Queue;

/// <summary>The value the record call gives a trace that carries no tenant (<see cref="LlmTraceIngestOptions.DefaultTenant"/>).</summary>
internal sealed record RecordDefaults(string Tenant);
