namespace LlmIngest.Capture;

/// <summary>
/// Where the tracer hands a finished trace together with the work it deferred. The library's queue carries both to
/// the worker; for a recorder the app supplied, <see cref="RecorderCaptureSink"/> does the work on the caller's thread.
/// </summary>
internal interface ICaptureSink
{
    /// <summary>Records <paramref name="trace"/>; returns false when it was dropped. Never throws.</summary>
    bool Record(LlmTrace trace, DeferredCapture? deferred);
}
