using LlmIngest.Telemetry;

namespace LlmIngest.Capture;

/// <summary>
/// What the capture side leaves for the worker, next to (not inside) the public trace: a captured chat exchange to
/// convert, the operation the call was made in (whose totals the call joins), or an operation's own totals. A chat call's
/// <see cref="ChatExchange"/> is its own deferred work, so the middleware allocates nothing more per call for it.
/// </summary>
internal class DeferredCapture
{
    /// <summary>A captured chat exchange whose conversion into the trace's fields is left to the worker.</summary>
    public virtual ChatExchange? Chat => null;

    /// <summary>The operation the call was made in (the worker adds the call to it and its enclosing operations).</summary>
    public LlmOperation? Operation { get; init; }

    /// <summary>Set for an operation's own trace (<c>operation:"agent"</c>): its calls' totals.</summary>
    public OperationTally? OperationTotals { get; init; }

    /// <summary>The call's span when OpenTelemetry is on: ours travels to the worker, which completes and stops it.</summary>
    public CallSpan? Span { get; set; }

    /// <summary>The deferred work of a call made in <paramref name="operation"/>, or null when there is none.</summary>
    public static DeferredCapture? For(LlmOperation? operation, CallSpan? span = null) =>
        operation is null && span is null ? null : new DeferredCapture { Operation = operation, Span = span };
}
