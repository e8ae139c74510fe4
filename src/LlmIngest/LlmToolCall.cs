namespace LlmIngest;

/// <summary>A tool call requested by the model.</summary>
public sealed class LlmToolCall
{
    /// <summary>The call's id, echoed by the tool result message.</summary>
    public string? Id { get; set; }

    /// <summary>The tool's name.</summary>
    public string? Name { get; set; }

    /// <summary>The arguments as the model produced them (usually JSON).</summary>
    public string? Arguments { get; set; }
}
