namespace LlmIngest.Cli.Analysis;

/// <summary>One of the slowest calls, for the report's table.</summary>
internal sealed record SlowCall(string TraceId, string SpanId, int Step, string TenantId, DateTimeOffset Timestamp, string? Model, string? FunctionName, double LatencyMs, string? ErrorType, string? InputPreview);
