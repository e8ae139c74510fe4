namespace LlmIngest.Sinks;

/// <summary>One line of the JSONL preview log: the fast, greppable index of a trace. Never holds full prompts.</summary>
internal sealed class TraceLogRecord
{
    public int SchemaVersion { get; init; } = 1;

    public required string TraceId { get; init; }

    public required string SpanId { get; init; }

    public string? ParentSpanId { get; init; }

    public int Step { get; init; }

    public string? SessionId { get; init; }

    public required string TenantId { get; init; }

    public string? UserId { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    public string? Provider { get; init; }

    public string? Model { get; init; }

    public string? ResponseModel { get; init; }

    public string? Operation { get; init; }

    public string? FunctionName { get; init; }

    public IList<string>? Tags { get; init; }

    public int? PromptTokens { get; init; }

    public int? CompletionTokens { get; init; }

    public int? TotalTokens { get; init; }

    public int? ReasoningTokens { get; init; }

    public int? CachedTokens { get; init; }

    public double LatencyMs { get; init; }

    public double? TimeToFirstTokenMs { get; init; }

    public double? TokensPerSec { get; init; }

    public decimal? CostUsd { get; init; }

    public string? FinishReason { get; init; }

    public string? Error { get; init; }

    public string? ErrorType { get; init; }

    public IList<string>? ErrorSuggestions { get; init; }

    public string? RequestId { get; init; }

    public string? ResponseId { get; init; }

    public string? SystemFingerprint { get; init; }

    public string? InputPreview { get; init; }

    public string? OutputPreview { get; init; }

    public IReadOnlyDictionary<string, int>? Redactions { get; init; }

    /// <summary>The payload's key: its ids' key, or, when those held a different payload already, its content-named key.</summary>
    public required string PayloadKey { get; set; }

    /// <summary>The key whose ids this trace repeated with different content (its payload is under <see cref="PayloadKey"/>), or null.</summary>
    public string? DuplicateOf { get; set; }

    public required string PayloadSha256 { get; init; }

    public long PayloadBytes { get; init; }

    /// <summary>Fields the pipeline changed to keep the line standard JSON (NaN, Infinity, negative tokens), or null.</summary>
    public IList<string>? Sanitized { get; set; }

    /// <summary>False when the payload store refused the payload; the line is still written so the call is not lost.</summary>
    public bool PayloadStored { get; set; }

    /// <summary>On an operation's own line (<c>operation:"agent"</c>): the model calls made in it, nested operations' included.</summary>
    public int? Calls { get; set; }

    /// <summary>On an operation's own line: how many of its calls failed.</summary>
    public int? Errors { get; set; }

    /// <summary>True for an operation's own line, which sums calls and is not one.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsOperation => Calls is not null;

    public static TraceLogRecord From(LlmTrace trace, string? inputPreview, string? outputPreview, IReadOnlyDictionary<string, int>? redactions, string payloadKey, string payloadSha256, long payloadBytes) => new()
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
        Tags = trace.Tags,
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
        ErrorSuggestions = trace.ErrorSuggestions,
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
}
