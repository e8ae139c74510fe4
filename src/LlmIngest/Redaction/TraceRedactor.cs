namespace LlmIngest.Redaction;

/// <summary>
/// Applies an <see cref="IRedactor"/> to every string a trace carries (messages, tool calls and results, tool
/// descriptions, the response, the error, tags and attribute values), keeping its shape, roles and field names.
/// Copy-on-write: messages, lists and tool calls are replaced, never changed, because the app may still hold them
/// (an agent's history reuses the same message objects in the next call).
/// </summary>
internal sealed class TraceRedactor(IRedactor redactor)
{
    public void Redact(LlmTrace trace, RedactionCounts counts)
    {
        trace.Messages = RedactMessages(trace.Messages, counts);
        trace.ResponseMessages = RedactMessages(trace.ResponseMessages, counts);
        trace.Tools = RedactTools(trace.Tools, counts);
        trace.Response = Apply(trace.Response, counts);
        trace.Error = Apply(trace.Error, counts);
        trace.Tags = RedactStrings(trace.Tags, counts);
        if (trace.Attributes is { Count: > 0 } attributes)
        {
            Dictionary<string, string>? copy = null;
            foreach (var (key, value) in attributes)
            {
                var redacted = Apply(value, counts);
                if (!ReferenceEquals(redacted, value))
                {
                    copy ??= new Dictionary<string, string>(attributes, StringComparer.Ordinal);
                    copy[key] = redacted!;
                }
            }

            trace.Attributes = copy ?? attributes;
        }
    }

    /// <summary>Redacts one string; null stays null, and text without findings is returned as the same instance.</summary>
    public string? Apply(string? text, RedactionCounts counts) =>
        string.IsNullOrEmpty(text) ? text : redactor.Redact(text, counts);

    private IList<LlmMessage>? RedactMessages(IList<LlmMessage>? messages, RedactionCounts counts)
    {
        if (messages is null)
        {
            return null;
        }

        List<LlmMessage>? copy = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message is null)
            {
                continue;
            }

            var content = Apply(message.Content, counts);
            var toolCalls = RedactToolCalls(message.ToolCalls, counts);
            if (!ReferenceEquals(content, message.Content) || !ReferenceEquals(toolCalls, message.ToolCalls))
            {
                copy ??= [.. messages];
                copy[i] = new LlmMessage
                {
                    Role = message.Role,
                    Content = content,
                    Name = message.Name,
                    ToolCalls = toolCalls,
                    ToolCallId = message.ToolCallId,
                };
            }
        }

        return copy ?? messages;
    }

    private IList<LlmToolCall>? RedactToolCalls(IList<LlmToolCall>? calls, RedactionCounts counts)
    {
        if (calls is null)
        {
            return null;
        }

        List<LlmToolCall>? copy = null;
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            var arguments = Apply(call?.Arguments, counts);
            if (call is not null && !ReferenceEquals(arguments, call.Arguments))
            {
                copy ??= [.. calls];
                copy[i] = new LlmToolCall { Id = call.Id, Name = call.Name, Arguments = arguments };
            }
        }

        return copy ?? calls;
    }

    private IList<LlmToolDefinition>? RedactTools(IList<LlmToolDefinition>? tools, RedactionCounts counts)
    {
        if (tools is null)
        {
            return null;
        }

        List<LlmToolDefinition>? copy = null;
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            var description = Apply(tool?.Description, counts);
            if (tool is not null && !ReferenceEquals(description, tool.Description))
            {
                copy ??= [.. tools];
                copy[i] = new LlmToolDefinition { Name = tool.Name, Description = description, ParametersSchema = tool.ParametersSchema };
            }
        }

        return copy ?? tools;
    }

    private IList<string>? RedactStrings(IList<string>? values, RedactionCounts counts)
    {
        if (values is null)
        {
            return null;
        }

        List<string>? copy = null;
        for (var i = 0; i < values.Count; i++)
        {
            var redacted = Apply(values[i], counts);
            if (!ReferenceEquals(redacted, values[i]))
            {
                copy ??= [.. values];
                copy[i] = redacted!;
            }
        }

        return copy ?? values;
    }
}
