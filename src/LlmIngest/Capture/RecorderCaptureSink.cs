using LlmIngest.Telemetry;

namespace LlmIngest.Capture;

/// <summary>
/// Hands traces to a recorder the app supplied: no worker of ours will see the deferred work, so a captured chat
/// exchange is converted before recording, and operation totals (which only our worker writes) are not kept.
/// </summary>
internal sealed class RecorderCaptureSink(ILlmTraceRecorder recorder) : ICaptureSink
{
    public bool Record(LlmTrace trace, DeferredCapture? deferred)
    {
        deferred?.Chat?.ApplyTo(trace);

        // No worker of ours will see this trace: its span ends now, without a storage outcome.
        if (deferred?.Span is { } span)
        {
            ChatSpanCompleter.CompleteElsewhere(span, trace);
        }

        return recorder.Record(trace);
    }
}
