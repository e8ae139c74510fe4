using LlmIngest.Capture;
using LlmIngest.Diagnostics;
using LlmIngest.Queue;
using LlmIngest.Redaction;
using LlmIngest.Sinks;
using LlmIngest.Storage;

namespace LlmIngest;

/// <summary>Options for LlmIngest, bound from the <c>LlmIngest</c> configuration section.</summary>
public sealed class LlmTraceIngestOptions
{
    /// <summary>The configuration section the options bind to by default.</summary>
    public const string SectionName = "LlmIngest";

    /// <summary>The tenant used for traces that carry none. Default <c>default</c>.</summary>
    public string DefaultTenant { get; set; } = "default";

    /// <summary>The bounded queue between the app and the worker.</summary>
    public QueueOptions Queue { get; set; } = new();

    /// <summary>The JSONL preview log.</summary>
    public PreviewLogOptions Log { get; set; } = new();

    /// <summary>Where full payloads go.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>PII and secret redaction.</summary>
    public RedactionOptions Redaction { get; set; } = new();

    /// <summary>
    /// Prices per model name (USD per million tokens), matched by longest prefix. Starts with list prices of common
    /// models; configuration adds models or overrides them (<c>LlmIngest:Pricing:gpt-4o:Input</c>).
    /// </summary>
    public Dictionary<string, ModelPrice> Pricing { get; set; } = PricingTable.Defaults();

    /// <summary>Which calls keep their payload (default: all); see <see cref="SamplingOptions"/>.</summary>
    public SamplingOptions Sampling { get; set; } = new();

    /// <summary>OpenTelemetry GenAI spans and metrics (off by default); see <see cref="LlmTraceOpenTelemetryOptions"/>.</summary>
    public LlmTraceOpenTelemetryOptions OpenTelemetry { get; set; } = new();

    /// <summary>Readable per-call output through the app's logger; also switched on by <c>LLMINGEST_DEBUG*</c> environment variables.</summary>
    public DebugOptions Debug { get; set; } = new();
}
