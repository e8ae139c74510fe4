using System.Text.Json.Serialization;

namespace LlmIngest;

/// <summary>
/// One line of the JSONL preview log: the fast, greppable index of a traced call (or of an operation), never the full
/// prompts. Each property's JSON field is named in its documentation; fields whose value is null are not written.
/// Read a log with <see cref="LlmTraceLogReader"/>.
/// </summary>
public sealed record LlmTraceLogLine
{
    /// <summary><c>schema_version</c>: the version of this line's format, currently 1.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary><c>trace_id</c>: groups the calls of one logical operation.</summary>
    public required string TraceId { get; init; }

    /// <summary><c>span_id</c>: identifies the call within its trace.</summary>
    public required string SpanId { get; init; }

    /// <summary><c>parent_span_id</c>: the span that caused the call, if any.</summary>
    public string? ParentSpanId { get; init; }

    /// <summary><c>step</c>: the call's order within its trace, starting at 0.</summary>
    public int Step { get; init; }

    /// <summary><c>session_id</c>: the conversation or user session (a keyed pseudonym when it held PII).</summary>
    public string? SessionId { get; init; }

    /// <summary><c>tenant_id</c>: the tenant whose key prefix holds the payload.</summary>
    public required string TenantId { get; init; }

    /// <summary><c>user_id</c>: the end user (a keyed pseudonym when it held PII).</summary>
    public string? UserId { get; init; }

    /// <summary><c>timestamp</c>: when the call started, UTC ISO-8601 with milliseconds.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary><c>provider</c>: the provider, e.g. <c>openai</c>.</summary>
    public string? Provider { get; init; }

    /// <summary><c>model</c>: the model that was requested.</summary>
    public string? Model { get; init; }

    /// <summary><c>response_model</c>: the model that answered, as reported by the provider.</summary>
    public string? ResponseModel { get; init; }

    /// <summary><c>operation</c>: the kind of call (<c>chat</c>, <c>embedding</c>, …), or <c>agent</c> on an operation's own line.</summary>
    public string? Operation { get; init; }

    /// <summary><c>function_name</c>: which part of the app made the call.</summary>
    public string? FunctionName { get; init; }

    /// <summary><c>tags</c>: free-form labels (redacted).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary><c>prompt_tokens</c>: input tokens.</summary>
    public int? PromptTokens { get; init; }

    /// <summary><c>completion_tokens</c>: output tokens.</summary>
    public int? CompletionTokens { get; init; }

    /// <summary><c>total_tokens</c>: input plus output tokens.</summary>
    public int? TotalTokens { get; init; }

    /// <summary><c>reasoning_tokens</c>: reasoning tokens, where the provider reports them.</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary><c>cached_tokens</c>: input tokens served from the provider's prompt cache.</summary>
    public int? CachedTokens { get; init; }

    /// <summary><c>latency_ms</c>: wall-clock duration of the call in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary><c>time_to_first_token_ms</c>: time to the first streamed token in milliseconds.</summary>
    public double? TimeToFirstTokenMs { get; init; }

    /// <summary><c>tokens_per_sec</c>: output tokens per second.</summary>
    public double? TokensPerSec { get; init; }

    /// <summary><c>cost_usd</c>: cost in US dollars; absent when the price is unknown.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary><c>finish_reason</c>: why generation stopped, e.g. <c>stop</c>, <c>length</c>, <c>error</c>.</summary>
    public string? FinishReason { get; init; }

    /// <summary><c>error</c>: the error message when the call failed (redacted).</summary>
    public string? Error { get; init; }

    /// <summary><c>error_type</c>: the error's category when the call failed, e.g. <c>rate_limit</c>.</summary>
    public string? ErrorType { get; init; }

    /// <summary><c>error_suggestions</c>: short suggested fixes for the failure.</summary>
    public IReadOnlyList<string>? ErrorSuggestions { get; init; }

    /// <summary><c>request_id</c>: the provider's request id.</summary>
    public string? RequestId { get; init; }

    /// <summary><c>response_id</c>: the provider's response id.</summary>
    public string? ResponseId { get; init; }

    /// <summary><c>system_fingerprint</c>: the provider's system fingerprint.</summary>
    public string? SystemFingerprint { get; init; }

    /// <summary><c>input_preview</c>: the start of the last user message (redacted).</summary>
    public string? InputPreview { get; init; }

    /// <summary><c>output_preview</c>: the start of the response (redacted).</summary>
    public string? OutputPreview { get; init; }

    /// <summary><c>redactions</c>: findings replaced in the payload, by kind; absent when there were none.</summary>
    public IReadOnlyDictionary<string, int>? Redactions { get; init; }

    /// <summary>
    /// <c>payload_key</c>: the payload's key in the store: its ids' key or, when those held a different payload
    /// already, its content-named key. Empty on an operation's own line.
    /// </summary>
    [JsonInclude]
    [JsonRequired]
    public string PayloadKey { get; internal set; } = string.Empty;

    /// <summary><c>duplicate_of</c>: the key whose ids this call repeated with different content (its payload is under <see cref="PayloadKey"/>), or null.</summary>
    [JsonInclude]
    public string? DuplicateOf { get; internal set; }

    /// <summary><c>payload_sha256</c>: the lower-case hex SHA-256 of the stored payload. Empty on an operation's own line.</summary>
    public required string PayloadSha256 { get; init; }

    /// <summary><c>payload_bytes</c>: the payload's size in bytes before compression.</summary>
    public long PayloadBytes { get; init; }

    /// <summary><c>sanitized</c>: fields the pipeline changed to keep the line standard JSON (NaN, Infinity, negative tokens), or null.</summary>
    [JsonInclude]
    public IReadOnlyList<string>? Sanitized { get; internal set; }

    /// <summary><c>payload_stored</c>: false when the payload store refused the payload; the line is still written so the call is not lost.</summary>
    [JsonInclude]
    public bool PayloadStored { get; internal set; }

    /// <summary>
    /// <c>sampled_out</c>: true when sampling left the call's payload out (the line is kept, with no payload:
    /// <c>payload_stored:false</c>, empty <c>payload_key</c>); null when the call was kept.
    /// </summary>
    [JsonInclude]
    public bool? SampledOut { get; internal set; }

    /// <summary>
    /// <c>payload_truncated</c>: true when the payload was over <c>Storage:MaxPayloadBytes</c> and its longest texts were
    /// cut (each cut ends with <c>…[truncated N bytes]</c>); null otherwise.
    /// </summary>
    [JsonInclude]
    public bool? PayloadTruncated { get; internal set; }

    /// <summary><c>media_count</c>: the images, audio clips and files the call's messages referenced; null when none.</summary>
    [JsonInclude]
    public int? MediaCount { get; internal set; }

    /// <summary><c>media_bytes</c>: their total size in bytes (URLs that were not fetched count 0); null when none.</summary>
    [JsonInclude]
    public long? MediaBytes { get; internal set; }

    /// <summary><c>calls</c>: on an operation's own line, the model calls made in it, nested operations' included.</summary>
    [JsonInclude]
    public int? Calls { get; internal set; }

    /// <summary><c>errors</c>: on an operation's own line, how many of its calls failed.</summary>
    [JsonInclude]
    public int? Errors { get; internal set; }

    /// <summary><c>truncated</c>: the free-text fields cut to keep the line under the configured size cap, or null.</summary>
    public IReadOnlyList<string>? Truncated { get; init; }

    /// <summary>True for an operation's own line, which sums calls and is not one (not written).</summary>
    [JsonIgnore]
    public bool IsOperation => Calls is not null;
}
