using System.Diagnostics;

namespace LlmIngest.Telemetry;

/// <summary>
/// The span of one model call: ours (<see cref="Owned"/>: its end time is set when the call ends, it is stopped on the
/// worker once the payload is stored) or the chat span of MEAI's <c>OpenTelemetryChatClient</c> around our middleware
/// (adopted: enriched on the caller's thread before MEAI stops it).
/// </summary>
internal sealed class CallSpan(Activity activity, bool owned, Activity? previous)
{
    public Activity Activity { get; } = activity;

    public bool Owned { get; } = owned;

    /// <summary>The <see cref="System.Diagnostics.Activity.Current"/> before ours started, restored when the call ends.</summary>
    public Activity? Previous { get; } = previous;

    /// <summary>Whether the request has a system message (decides <c>gen_ai.system_instructions_ref</c> on an adopted span).</summary>
    public bool HasSystemMessage { get; set; }
}
