namespace LlmIngest;

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

    /// <summary>
    /// The level of the per-call lines (category <c>LlmIngest.Calls</c>). <c>Information</c> by default; an app whose
    /// log level is <c>Warning</c> either lowers it for that category or sets this to <c>Warning</c>.
    /// </summary>
    public Microsoft.Extensions.Logging.LogLevel Level { get; set; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>Characters of each printed prompt or response message before it is cut with "…" (default 200).</summary>
    public int MaxContentLength { get; set; } = 200;
}
