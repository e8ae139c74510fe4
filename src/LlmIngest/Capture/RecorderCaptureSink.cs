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
        return recorder.Record(trace);
    }
}
