using Microsoft.Extensions.Logging;

namespace LlmIngest.Diagnostics;

/// <summary>The library's messages about its OpenTelemetry spans and metrics.</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(240, LogLevel.Warning, "LlmIngest could not complete the span of trace {TraceId} span {SpanId}; the span was stopped as it was.")]
    public static partial void SpanCompletionFailed(ILogger logger, Exception exception, string? traceId, string? spanId);
}
