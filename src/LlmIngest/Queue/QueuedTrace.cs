using LlmIngest.Capture;

namespace LlmIngest.Queue;

/// <summary>What the queue carries to the worker: the trace and the work its capture deferred (none for a trace the app built).</summary>
internal readonly record struct QueuedTrace(LlmTrace Trace, DeferredCapture? Deferred);
