namespace LlmIngest;

/// <summary>
/// The names to register with the OpenTelemetry SDK when spans and metrics are on (<c>AddLlmTraceOpenTelemetry()</c> or
/// <c>LlmIngest:OpenTelemetry:Enabled</c>): <c>.WithTracing(t =&gt; t.AddSource(ActivitySourceName))</c> and
/// <c>.WithMetrics(m =&gt; m.AddMeter(MeterName))</c>.
/// </summary>
public static class LlmTraceOpenTelemetry
{
    /// <summary>The <c>ActivitySource</c> of the GenAI spans: <c>chat {model}</c> per model call, <c>invoke_agent {name}</c> per operation.</summary>
    public const string ActivitySourceName = "LlmIngest";

    /// <summary>
    /// The meter of the GenAI histograms (<c>gen_ai.client.operation.duration</c>, <c>gen_ai.client.token.usage</c>); the
    /// pipeline's own <c>llmingest.*</c> instruments stay on the <c>LlmIngest</c> meter.
    /// </summary>
    public const string MeterName = "LlmIngest.GenAI";
}
