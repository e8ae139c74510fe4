using Microsoft.Extensions.AI;

namespace LlmIngest.Capture;

/// <summary>
/// What the chat middleware captured of one call. The request's messages and tools are copied when the call starts; what
/// the call returned is copied when it completes (the response's own message list, usage counts, finish reason, ids),
/// because middleware outside ours (e.g. <c>FunctionInvokingChatClient</c>) mutates the returned objects afterwards.
/// Only copies of lists and counts are taken on the caller's thread; the worker turns them into the trace's fields.
/// </summary>
internal sealed class ChatExchange(ChatMessage[] request, AITool[]? tools) : DeferredCapture
{
    private ChatMessage[]? _responseMessages;
    private UsageSnapshot _usage;
    private string? _responseId;
    private string? _modelId;
    private string? _finishReason;
    private AdditionalPropertiesDictionary? _properties;
    private object? _raw;
    private List<ChatResponseUpdate>? _updates;

    public override ChatExchange Chat => this;

    /// <summary>The request's messages as the call started.</summary>
    public ChatMessage[] Request => request;

    /// <summary>Sampling parameters as the app set them (floats); the worker turns them into the decimal that was meant.</summary>
    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    /// <summary>Receives the provider's request id from <see cref="LlmTraceRequestIdHandler"/>, when the app installed it.</summary>
    public RequestIdSlot? RequestId { get; set; }

    /// <summary>The caller stopped reading the stream before it ended.</summary>
    public bool Abandoned { get; set; }

    /// <summary>Copies what <paramref name="response"/> holds now: its message list, usage counts, finish reason and ids.</summary>
    public void Completed(ChatResponse response)
    {
        var messages = response.Messages;
        if (messages.Count > 0)
        {
            _responseMessages = new ChatMessage[messages.Count];
            messages.CopyTo(_responseMessages, 0);
        }

        _usage = UsageSnapshot.From(response.Usage);
        _responseId = response.ResponseId;
        _modelId = response.ModelId;
        _finishReason = response.FinishReason?.Value;
        _properties = response.AdditionalProperties;
        _raw = response.RawRepresentation;
    }

    /// <summary>Keeps a streamed update, copying the usage counts it carries as they are now.</summary>
    public void Streamed(ChatResponseUpdate update)
    {
        (_updates ??= []).Add(update);
        var contents = update.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is UsageContent usage)
            {
                _usage = UsageSnapshot.Add(_usage, UsageSnapshot.From(usage.Details));
            }
        }
    }

    public void ApplyTo(LlmTrace trace)
    {
        trace.Messages ??= ChatMessageConversion.ToMessages(request);
        if (tools is { Length: > 0 })
        {
            trace.Tools ??= ChatMessageConversion.ToTools(tools);
        }

        trace.Temperature ??= SamplingValue.AsSet(Temperature);
        trace.TopP ??= SamplingValue.AsSet(TopP);
        if (_updates is { Count: > 0 } updates)
        {
            var assembled = updates.ToChatResponse();
            var raw = new object?[updates.Count];
            var properties = assembled.AdditionalProperties;
            for (var i = 0; i < updates.Count; i++)
            {
                raw[i] = updates[i].RawRepresentation;
                properties ??= updates[i].AdditionalProperties;
            }

            ChatResponseConversion.ApplyResponse(
                trace,
                new ChatCompletionSnapshot(assembled.Messages, _usage, assembled.ResponseId, assembled.ModelId, assembled.FinishReason?.Value, properties),
                raw);
        }
        else if (_responseMessages is not null || _usage.HasValue || _responseId is not null || _modelId is not null)
        {
            ChatResponseConversion.ApplyResponse(
                trace,
                new ChatCompletionSnapshot(_responseMessages ?? [], _usage, _responseId, _modelId, _finishReason, _properties),
                [_raw]);
        }

        if (RequestId?.Value is { } requestId)
        {
            trace.RequestId ??= requestId;
        }

        if (Abandoned)
        {
            trace.FinishReason = "abandoned";
        }
    }
}
