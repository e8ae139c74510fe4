using LlmIngest.Capture;
using Microsoft.Extensions.AI;

namespace LlmIngest;

/// <summary>
/// One LLM call traced by hand (<see cref="ILlmTracer.StartCall"/>): it timed the call from its start, and records
/// it once on <see cref="Complete"/>, <see cref="Fail"/> or, if neither was called, on dispose as abandoned.
/// </summary>
public sealed class LlmCall : IDisposable
{
    private readonly LlmTracer _tracer;
    private readonly DeferredCapture? _deferred;
    private readonly long _started;
    private int _finished;

    internal LlmCall(LlmTracer tracer, LlmTrace trace, DeferredCapture? deferred, long started)
    {
        _tracer = tracer;
        _deferred = deferred;
        Trace = trace;
        _started = started;
    }

    /// <summary>The trace being filled: set any other field (tools, response id, tags…) before completing.</summary>
    public LlmTrace Trace { get; }

    /// <summary>Marks the arrival of the first streamed token (sets <c>time_to_first_token_ms</c> once).</summary>
    public void FirstToken() => Trace.TimeToFirstTokenMs ??= _tracer.ElapsedMs(_started);

    /// <summary>Records the call as answered with <paramref name="response"/> and its usage.</summary>
    public void Complete(string? response, UsageDetails? usage = null, string? finishReason = "stop")
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        Trace.Response = response;
        if (response is not null && Trace.ResponseMessages is null)
        {
            Trace.ResponseMessages = [new LlmMessage("assistant", response)];
        }

        Trace.FinishReason ??= finishReason;
        Trace.LatencyMs = _tracer.ElapsedMs(_started);
        UsageConversion.ApplyUsage(Trace, usage);
        _tracer.Record(Trace, _deferred);
    }

    /// <summary>Records the call as failed: message, category (<c>error_type</c>) and suggested fixes. Rethrow it yourself.</summary>
    public void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Interlocked.Exchange(ref _finished, 1) == 0)
        {
            _tracer.Fail(Trace, _deferred, _started, exception);
        }
    }

    /// <summary>Records the call as abandoned when it was neither completed nor failed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _finished, 1) == 0)
        {
            _tracer.Abandon(Trace, _deferred, _started, "The call ended without Complete or Fail (abandoned by the caller).");
        }
    }
}
