namespace LlmIngest.Redaction;

/// <summary>
/// Applies an <see cref="IRedactor"/> to every free-text string a trace carries (messages with their names, tool calls
/// with their ids and names, tool results, tool names, descriptions and schemas, the response, the error and its
/// suggestions, model, provider, function, request and response ids, tags, attribute keys and values), keeping its
/// shape, roles and field names. The ids that make up storage keys are validated at record time and are not free text.
/// <c>session_id</c> and <c>user_id</c>, which apps join on, are not blanked: one that holds PII is replaced as a whole
/// by a keyed pseudonym (<see cref="IdentifierPseudonyms"/>), the same for the same value on every instance.
/// Copy-on-write: messages, lists and tool calls are replaced, never changed, because the app may still hold them
/// (an agent's history reuses the same message objects in the next call).
/// </summary>
internal sealed class TraceRedactor(IRedactor redactor, IdentifierPseudonyms? identifiers = null)
{
    public void Redact(LlmTrace trace, RedactionCounts counts)
    {
        trace.Messages = RedactMessages(trace.Messages, counts);
        trace.ResponseMessages = RedactMessages(trace.ResponseMessages, counts);
        trace.Tools = RedactTools(trace.Tools, counts);
        trace.Response = Apply(trace.Response, counts);
        trace.Error = Apply(trace.Error, counts);
        trace.ErrorSuggestions = RedactStrings(trace.ErrorSuggestions, counts);
        trace.Tags = RedactStrings(trace.Tags, counts);
        trace.Provider = Apply(trace.Provider, counts);
        trace.Model = Apply(trace.Model, counts);
        trace.ResponseModel = Apply(trace.ResponseModel, counts);
        trace.Operation = Apply(trace.Operation, counts);
        trace.FunctionName = Apply(trace.FunctionName, counts);
        trace.FinishReason = Apply(trace.FinishReason, counts);
        trace.ErrorType = Apply(trace.ErrorType, counts);
        trace.RequestId = Apply(trace.RequestId, counts);
        trace.ResponseId = Apply(trace.ResponseId, counts);
        trace.SystemFingerprint = Apply(trace.SystemFingerprint, counts);
        trace.SessionId = Identifier(trace.SessionId, counts);
        trace.UserId = Identifier(trace.UserId, counts);
        trace.Attributes = TraceAttributes.Redact(this, trace.Attributes, counts);
    }

    /// <summary>
    /// An identifier without findings stays as it is; one with findings becomes its keyed pseudonym, or, with no key
    /// configured, its redacted text (PII never stays; the join on it does only with a key).
    /// </summary>
    private string? Identifier(string? value, RedactionCounts counts)
    {
        var redacted = Apply(value, counts);
        if (ReferenceEquals(redacted, value) || identifiers is null)
        {
            return redacted;
        }

        return identifiers.Pseudonym(value!);
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
            var name = Apply(message.Name, counts);
            var toolCallId = Apply(message.ToolCallId, counts);
            var toolCalls = RedactToolCalls(message.ToolCalls, counts);
            var media = MediaRedaction.Redact(message.Media, this, counts);
            if (!ReferenceEquals(content, message.Content) || !ReferenceEquals(toolCalls, message.ToolCalls)
                || !ReferenceEquals(name, message.Name) || !ReferenceEquals(toolCallId, message.ToolCallId)
                || !ReferenceEquals(media, message.Media))
            {
                copy ??= [.. messages];
                var changed = message.Copy();
                changed.Content = content;
                changed.Name = name;
                changed.ToolCalls = toolCalls;
                changed.ToolCallId = toolCallId;
                changed.Media = media;
                copy[i] = changed;
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
            if (call is null)
            {
                continue;
            }

            var arguments = Apply(call.Arguments, counts);
            var id = Apply(call.Id, counts);
            var name = Apply(call.Name, counts);
            if (!ReferenceEquals(arguments, call.Arguments) || !ReferenceEquals(id, call.Id) || !ReferenceEquals(name, call.Name))
            {
                copy ??= [.. calls];
                copy[i] = new LlmToolCall { Id = id, Name = name, Arguments = arguments };
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
            if (tool is null)
            {
                continue;
            }

            var description = Apply(tool.Description, counts);
            var name = Apply(tool.Name, counts);
            var schema = Apply(tool.ParametersSchema, counts);
            if (!ReferenceEquals(description, tool.Description) || !ReferenceEquals(name, tool.Name) || !ReferenceEquals(schema, tool.ParametersSchema))
            {
                copy ??= [.. tools];
                copy[i] = new LlmToolDefinition { Name = name, Description = description, ParametersSchema = schema };
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
