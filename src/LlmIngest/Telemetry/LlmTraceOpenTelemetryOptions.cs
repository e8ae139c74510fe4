namespace LlmIngest;

/// <summary>OpenTelemetry GenAI spans and metrics, bound from <c>LlmIngest:OpenTelemetry</c>. Off by default.</summary>
public sealed class LlmTraceOpenTelemetryOptions
{
    /// <summary>
    /// Emits a <c>chat {model}</c> span per model call and an <c>invoke_agent {name}</c> span per operation on
    /// <see cref="LlmTraceOpenTelemetry.ActivitySourceName"/>, with references to the stored payload, and the GenAI
    /// histograms on <see cref="LlmTraceOpenTelemetry.MeterName"/>. Default false.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Also puts the redacted messages on the span (<c>gen_ai.input.messages</c>, <c>gen_ai.output.messages</c>,
    /// <c>gen_ai.system_instructions</c>). Default false: the span carries only references to the stored payload.
    /// </summary>
    public bool RecordContent { get; set; }
}
