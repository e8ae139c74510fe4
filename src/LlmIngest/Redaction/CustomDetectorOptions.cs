namespace LlmIngest;

/// <summary>A detector defined in configuration: a regular expression and the marker that replaces its matches.</summary>
public sealed class CustomDetectorOptions
{
    /// <summary>The kind counted in the JSONL <c>redactions</c> field, e.g. <c>employee_id</c>: letters, digits and <c>_</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>A .NET regular expression, run on the linear-time engine (no lookarounds or backreferences).</summary>
    public string Pattern { get; set; } = string.Empty;

    /// <summary>The replacement; default the upper-cased name in brackets, e.g. <c>[EMPLOYEE_ID]</c>.</summary>
    public string? Marker { get; set; }
}
