namespace LlmIngest;

/// <summary>A tool offered to the model.</summary>
public sealed class LlmToolDefinition
{
    /// <summary>The tool's name.</summary>
    public string? Name { get; set; }

    /// <summary>What the tool does.</summary>
    public string? Description { get; set; }

    /// <summary>The JSON schema of the tool's parameters.</summary>
    public string? ParametersSchema { get; set; }
}
