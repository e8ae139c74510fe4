namespace LlmIngest.Diagnostics;

/// <summary>Why the worker changed a trace's number: the <c>reason</c> tag of <c>llmingest.traces.sanitized</c>.</summary>
internal static class SanitizeReasons
{
    /// <summary>NaN or ±Infinity, which JSON has no literal for.</summary>
    public const string NonFinite = "non_finite_number";

    /// <summary>A negative token count.</summary>
    public const string NegativeTokens = "negative_tokens";

    /// <summary>A value outside any sane range.</summary>
    public const string OutOfRange = "out_of_range";
}
