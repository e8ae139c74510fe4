namespace LlmIngest;

/// <summary>One message of a request or response: its role, text, tool calls or tool result.</summary>
public sealed class LlmMessage
{
    /// <summary>Creates an empty message.</summary>
    public LlmMessage()
    {
    }

    /// <summary>Creates a message with a role and text.</summary>
    public LlmMessage(string role, string? content)
    {
        Role = role;
        Content = content;
    }

    /// <summary><c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    public string? Role { get; set; }

    /// <summary>The text of the message; for a <c>tool</c> message, the tool's result.</summary>
    public string? Content { get; set; }

    /// <summary>The author's name, where the provider supports it.</summary>
    public string? Name { get; set; }

    /// <summary>Tool calls requested by an assistant message.</summary>
    public IList<LlmToolCall>? ToolCalls { get; set; }

    /// <summary>For a <c>tool</c> message, the id of the call it answers.</summary>
    public string? ToolCallId { get; set; }

    /// <summary>Images, audio and files of the message, stored apart from the payload (see <see cref="LlmMediaReference"/>).</summary>
    public IList<LlmMediaReference>? Media { get; set; }

    /// <summary>
    /// A shallow copy: the pipeline's copy-on-write stages (redaction, media offload, the size cap) change fields of the
    /// copy and never lose one a later version of this class adds.
    /// </summary>
    internal LlmMessage Copy() => (LlmMessage)MemberwiseClone();
}
