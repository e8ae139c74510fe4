namespace LlmIngest.Redaction;

/// <summary>
/// Applies an <see cref="IRedactor"/> to every string a trace carries (messages, tool calls and results,
/// the response, the error, tags and attribute values), in place, keeping its shape, roles and field names.
/// </summary>
internal sealed class TraceRedactor(IRedactor redactor)
{
    public void Redact(LlmTrace trace, RedactionCounts counts)
    {
        RedactMessages(trace.Messages, counts);
        RedactMessages(trace.ResponseMessages, counts);
        if (trace.Tools is { } tools)
        {
            foreach (var tool in tools)
            {
                if (tool is not null)
                {
                    tool.Description = Apply(tool.Description, counts);
                }
            }
        }

        trace.Response = Apply(trace.Response, counts);
        trace.Error = Apply(trace.Error, counts);
        if (trace.Tags is { IsReadOnly: false } tags)
        {
            for (var i = 0; i < tags.Count; i++)
            {
                tags[i] = Apply(tags[i], counts)!;
            }
        }
        else if (trace.Tags is { } readOnlyTags)
        {
            var copy = new List<string>(readOnlyTags.Count);
            foreach (var tag in readOnlyTags)
            {
                copy.Add(Apply(tag, counts)!);
            }

            trace.Tags = copy;
        }

        if (trace.Attributes is { Count: > 0 } attributes)
        {
            var redacted = new Dictionary<string, string>(attributes.Count, StringComparer.Ordinal);
            foreach (var (key, value) in attributes)
            {
                redacted[key] = Apply(value, counts)!;
            }

            trace.Attributes = redacted;
        }
    }

    /// <summary>Redacts one string; null stays null.</summary>
    public string? Apply(string? text, RedactionCounts counts) =>
        string.IsNullOrEmpty(text) ? text : redactor.Redact(text, counts);

    private void RedactMessages(IList<LlmMessage>? messages, RedactionCounts counts)
    {
        if (messages is null)
        {
            return;
        }

        foreach (var message in messages)
        {
            if (message is null)
            {
                continue;
            }

            message.Content = Apply(message.Content, counts);
            if (message.ToolCalls is { } calls)
            {
                foreach (var call in calls)
                {
                    if (call is not null)
                    {
                        call.Arguments = Apply(call.Arguments, counts);
                    }
                }
            }
        }
    }
}
