namespace LlmIngest.Diagnostics;

/// <summary>
/// Debug mode: one readable line per call (model, latency, tokens, cost) in the app's log, and on request the redacted
/// prompt and response. Off by default; <c>LLMINGEST_DEBUG</c>, <c>LLMINGEST_DEBUG_PROMPTS</c> and
/// <c>LLMINGEST_DEBUG_RESPONSES</c> (<c>1</c>/<c>true</c>) switch it on without a code change.
/// </summary>
public sealed class DebugOptions
{
    /// <summary>Print a summary line for every call.</summary>
    public bool Enabled { get; set; }

    /// <summary>Also print the redacted request messages.</summary>
    public bool Prompts { get; set; }

    /// <summary>Also print the redacted response.</summary>
    public bool Responses { get; set; }
}
