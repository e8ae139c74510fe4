namespace LlmIngest.Sinks;

/// <summary>Builds a trace's <see cref="LlmTraceLogLine"/>: the one place that maps the model onto the log's fields.</summary>
internal static class PreviewLine
{
    public static LlmTraceLogLine For(LlmTrace trace, string? inputPreview, string? outputPreview, IReadOnlyDictionary<string, int>? redactions, string payloadKey, string payloadSha256, long payloadBytes) => new()
    {
        TraceId = trace.TraceId!,
        SpanId = trace.SpanId!,
        ParentSpanId = trace.ParentSpanId,
        Step = trace.Step,
        SessionId = trace.SessionId,
        TenantId = trace.TenantId!,
        UserId = trace.UserId,
        Timestamp = trace.Timestamp,
        Provider = trace.Provider,
        Model = trace.Model,
        ResponseModel = trace.ResponseModel,
        Operation = trace.Operation,
        FunctionName = trace.FunctionName,
        Tags = ReadOnly(trace.Tags),
        PromptTokens = trace.PromptTokens,
        CompletionTokens = trace.CompletionTokens,
        TotalTokens = trace.TotalTokens,
        ReasoningTokens = trace.ReasoningTokens,
        CachedTokens = trace.CachedTokens,
        LatencyMs = trace.LatencyMs,
        TimeToFirstTokenMs = trace.TimeToFirstTokenMs,
        TokensPerSec = trace.TokensPerSec,
        CostUsd = trace.CostUsd,
        FinishReason = trace.FinishReason,
        Error = trace.Error,
        ErrorType = trace.ErrorType,
        ErrorSuggestions = ReadOnly(trace.ErrorSuggestions),
        RequestId = trace.RequestId,
        ResponseId = trace.ResponseId,
        SystemFingerprint = trace.SystemFingerprint,
        InputPreview = inputPreview,
        OutputPreview = outputPreview,
        Redactions = redactions is { Count: > 0 } ? redactions : null,
        PayloadKey = payloadKey,
        PayloadSha256 = payloadSha256,
        PayloadBytes = payloadBytes,
    };

    // Lists and arrays are read-only lists already (no copy); only an app's own IList implementation is copied.
    private static IReadOnlyList<string>? ReadOnly(IList<string>? list) => list as IReadOnlyList<string> ?? (list is null ? null : [.. list]);
}
