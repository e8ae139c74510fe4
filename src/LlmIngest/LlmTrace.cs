using System.Text.Json.Serialization;

namespace LlmIngest;

/// <summary>
/// One LLM call: identity, request, response, usage, timing, cost and error.
/// After it is passed to <see cref="ILlmTraceRecorder"/> the pipeline owns it: do not change it, or the messages and
/// lists it references, afterwards (redaction never changes them: it replaces what it redacts).
/// </summary>
public sealed class LlmTrace
{
    /// <summary>Groups the calls of one logical operation. Generated (UUIDv7) when null.</summary>
    public string? TraceId { get; set; }

    /// <summary>Identifies this call within its trace. Generated when null.</summary>
    public string? SpanId { get; set; }

    /// <summary>The span that caused this call, if any.</summary>
    public string? ParentSpanId { get; set; }

    /// <summary>Order of this call within its trace, starting at 0.</summary>
    public int Step { get; set; }

    /// <summary>The conversation or user session this call belongs to.</summary>
    public string? SessionId { get; set; }

    /// <summary>The tenant whose key prefix holds the payload. Defaults to the configured tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>The end user on whose behalf the call was made.</summary>
    public string? UserId { get; set; }

    /// <summary>When the call started (UTC). Stamped at record time when left default.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The provider, e.g. <c>openai</c>.</summary>
    public string? Provider { get; set; }

    /// <summary>The model that was requested.</summary>
    public string? Model { get; set; }

    /// <summary>The model that answered, as reported by the provider.</summary>
    public string? ResponseModel { get; set; }

    /// <summary>The kind of call, e.g. <c>chat</c>, <c>completion</c>, <c>embedding</c>.</summary>
    public string? Operation { get; set; }

    /// <summary>The request messages.</summary>
    public IList<LlmMessage>? Messages { get; set; }

    /// <summary>Sampling temperature of the request.</summary>
    public double? Temperature { get; set; }

    /// <summary>Output token limit of the request.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Nucleus sampling parameter of the request.</summary>
    public double? TopP { get; set; }

    /// <summary>The tools offered to the model.</summary>
    public IList<LlmToolDefinition>? Tools { get; set; }

    /// <summary>The response text.</summary>
    public string? Response { get; set; }

    /// <summary>The response messages, including tool calls.</summary>
    public IList<LlmMessage>? ResponseMessages { get; set; }

    /// <summary>Why generation stopped, e.g. <c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>error</c>.</summary>
    public string? FinishReason { get; set; }

    /// <summary>Input tokens.</summary>
    public int? PromptTokens { get; set; }

    /// <summary>Output tokens.</summary>
    public int? CompletionTokens { get; set; }

    /// <summary>Input plus output tokens.</summary>
    public int? TotalTokens { get; set; }

    /// <summary>Reasoning tokens, where the provider reports them.</summary>
    public int? ReasoningTokens { get; set; }

    /// <summary>Input tokens served from the provider's prompt cache.</summary>
    public int? CachedTokens { get; set; }

    /// <summary>Wall-clock duration of the call in milliseconds.</summary>
    public double LatencyMs { get; set; }

    /// <summary>Time to the first streamed token in milliseconds.</summary>
    public double? TimeToFirstTokenMs { get; set; }

    /// <summary>Output tokens per second.</summary>
    public double? TokensPerSec { get; set; }

    /// <summary>Cost in US dollars; null when the price is unknown.</summary>
    public decimal? CostUsd { get; set; }

    /// <summary>Which part of the app made the call, e.g. <c>classify_ticket</c>.</summary>
    public string? FunctionName { get; set; }

    /// <summary>Free-form labels.</summary>
    public IList<string>? Tags { get; set; }

    /// <summary>The error message when the call failed.</summary>
    public string? Error { get; set; }

    /// <summary>The error's type or category when the call failed.</summary>
    public string? ErrorType { get; set; }

    /// <summary>Short suggested fixes for the failure, e.g. "Retry with exponential backoff".</summary>
    public IList<string>? ErrorSuggestions { get; set; }

    /// <summary>The provider's request id (e.g. the <c>x-request-id</c> header).</summary>
    public string? RequestId { get; set; }

    /// <summary>The provider's response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The provider's system fingerprint.</summary>
    public string? SystemFingerprint { get; set; }

    /// <summary>Free-form attributes.</summary>
    public IDictionary<string, string>? Attributes { get; set; }

    /// <summary>
    /// The W3C sampled flag of the <c>Activity</c> the call was made under (null when there was none), read by sampling
    /// on the worker when <c>Sampling:HonorUpstreamSampledFlag</c> is set. Not serialized.
    /// </summary>
    [JsonIgnore]
    internal bool? UpstreamSampled { get; set; }
}
