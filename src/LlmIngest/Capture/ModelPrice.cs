namespace LlmIngest;

/// <summary>A model's price in US dollars per million tokens (<c>LlmIngest:Pricing:{model}</c>).</summary>
public sealed class ModelPrice
{
    /// <summary>Per million input tokens not served from cache.</summary>
    public decimal Input { get; set; }

    /// <summary>Per million cached input tokens; the input price when not set.</summary>
    public decimal? CachedInput { get; set; }

    /// <summary>Per million output tokens.</summary>
    public decimal Output { get; set; }

    /// <summary>Per million reasoning tokens (counted within the output tokens); the output price when not set.</summary>
    public decimal? Reasoning { get; set; }
}
