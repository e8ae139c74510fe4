using Microsoft.Extensions.AI;

namespace LlmIngest.Capture;

/// <summary>
/// What the chat middleware captured of one call, as references: the request's messages (a snapshot of the list, so
/// the app may append to its history), its tools, and the response or the streamed updates. The worker turns it
/// into the trace's fields, keeping that work off the caller's thread.
/// </summary>
internal sealed class ChatExchange(ChatMessage[] request, AITool[]? tools)
{
    public ChatResponse? Response { get; set; }

    public List<ChatResponseUpdate>? Updates { get; set; }

    /// <summary>The caller stopped reading the stream before it ended.</summary>
    public bool Abandoned { get; set; }

    public void ApplyTo(LlmTrace trace)
    {
        trace.Messages ??= ChatConversion.ToMessages(request);
        if (tools is { Length: > 0 })
        {
            trace.Tools ??= ChatConversion.ToTools(tools);
        }

        if (Response is { } response)
        {
            ChatConversion.ApplyResponse(trace, response, [response.RawRepresentation]);
        }
        else if (Updates is { Count: > 0 } updates)
        {
            var assembled = updates.ToChatResponse();
            var raw = new object?[updates.Count];
            for (var i = 0; i < updates.Count; i++)
            {
                raw[i] = updates[i].RawRepresentation;
                if (assembled.AdditionalProperties is null && updates[i].AdditionalProperties is { } properties)
                {
                    assembled.AdditionalProperties = properties;
                }
            }

            ChatConversion.ApplyResponse(trace, assembled, raw);
        }

        if (Abandoned)
        {
            trace.FinishReason = "abandoned";
        }
    }
}
