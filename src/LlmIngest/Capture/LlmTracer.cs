using LlmIngest.Diagnostics;
using LlmIngest.Telemetry;

namespace LlmIngest.Capture;

/// <summary>
/// Builds traces for the chat middleware and the manual API: stamps the trace context, times the call, diagnoses
/// failures and records. The caller's thread does only this; conversion and costing happen on the worker.
/// </summary>
internal sealed class LlmTracer : ILlmTracer
{
    /// <summary>The <c>operation</c> of an operation's own line, as opposed to <c>chat</c> for a model call.</summary>
    public const string OperationKind = "agent";

    private readonly ICaptureSink _sink;
    private readonly TimeProvider _time;
    private readonly TraceSummaryCollector _summary;

    public LlmTracer(ICaptureSink sink, TimeProvider time, TraceSummaryCollector summary, GenAiSpans? spans = null)
    {
        _sink = sink;
        _time = time;
        _summary = summary;

        // Off (the default): null, and the capture path checks nothing else.
        Spans = spans is { Enabled: true } ? spans : null;
    }

    /// <summary>The GenAI spans, or null when OpenTelemetry is off.</summary>
    public GenAiSpans? Spans { get; }

    public LlmOperation BeginOperation(string name, string? sessionId = null, string? userId = null, string? tenantId = null, IEnumerable<string>? tags = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new LlmOperation(name, sessionId, userId, tenantId, tags is null ? null : [.. tags], this);
    }

    public LlmCall StartCall(string model, IEnumerable<LlmMessage>? messages = null)
    {
        var trace = Begin(model, provider: null, out var operation, out var span);
        trace.Messages = messages is null ? null : [.. messages];
        if (span is { Owned: false })
        {
            span.HasSystemMessage = GenAiContentJson.HasSystemMessage(trace.Messages);
        }

        return new LlmCall(this, trace, DeferredCapture.For(operation, span), _time.GetTimestamp());
    }

    public LlmSessionSummary GetSummary() => _summary.Snapshot();

    public long Timestamp() => _time.GetTimestamp();

    public DateTimeOffset UtcNow() => _time.GetUtcNow();

    /// <summary>
    /// Records an ended operation's own trace (<c>operation:"agent"</c>, its span, parent, duration and the next step);
    /// the worker fills in its calls' totals, which it adds up as it costs them.
    /// </summary>
    public void EndOperation(LlmOperation operation, long started)
    {
        var trace = new LlmTrace
        {
            Operation = OperationKind,
            TraceId = operation.TraceId,
            SpanId = operation.SpanId,
            ParentSpanId = operation.ParentSpanId,
            Step = operation.NextStep(),
            FunctionName = operation.Name,
            SessionId = operation.SessionId,
            UserId = operation.UserId,
            TenantId = operation.TenantId,
            Tags = operation.Tags,
            Timestamp = operation.StartedAt,
            LatencyMs = ElapsedMs(started),
        };
        _sink.Record(trace, new DeferredCapture { OperationTotals = operation.Totals });
    }

    public double ElapsedMs(long started) => Math.Round(_time.GetElapsedTime(started).TotalMilliseconds, 3);

    /// <summary>
    /// A new call's trace, stamped with its place in the current operation or activity (<paramref name="operation"/>, if
    /// any); with OpenTelemetry on, its ids are those of its <paramref name="span"/> (ours, or MEAI's chat span around us).
    /// <paramref name="adoptOnly"/>: start no span of ours (MEAI's <c>UseOpenTelemetry()</c> is inside our middleware).
    /// </summary>
    public LlmTrace Begin(string? model, string? provider, out LlmOperation? operation, out CallSpan? span, bool adoptOnly = false)
    {
        var trace = new LlmTrace
        {
            Model = model,
            Provider = provider,
            Operation = "chat",
            Timestamp = _time.GetUtcNow(),
        };
        operation = TraceContext.Stamp(trace);
        span = Spans is null ? null : GenAiSpans.StartChat(trace, operation, adoptOnly);
        return trace;
    }

    public void Succeed(LlmTrace trace, DeferredCapture? deferred, long started)
    {
        trace.LatencyMs = ElapsedMs(started);
        Record(trace, deferred);
    }

    public void Fail(LlmTrace trace, DeferredCapture? deferred, long started, Exception exception)
    {
        trace.LatencyMs = ElapsedMs(started);
        var diagnosis = ErrorClassifier.Classify(exception);
        trace.Error = exception.Message;
        trace.ErrorType = diagnosis.Category;
        trace.ErrorSuggestions = diagnosis.Suggestions;
        trace.FinishReason = diagnosis.Category == ErrorTypes.Cancelled ? "cancelled" : "error";
        var attributes = trace.Attributes is null
            ? new Dictionary<string, string>(2, StringComparer.Ordinal)
            : new Dictionary<string, string>(trace.Attributes, StringComparer.Ordinal);
        attributes["exception_type"] = exception.GetType().FullName ?? exception.GetType().Name;
        if (diagnosis.Status is { } status)
        {
            attributes["http_status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        trace.Attributes = attributes;
        Record(trace, deferred);
    }

    public void Abandon(LlmTrace trace, DeferredCapture? deferred, long started, string reason)
    {
        trace.LatencyMs = ElapsedMs(started);
        trace.Error = reason;
        trace.ErrorType = ErrorTypes.Cancelled;
        trace.ErrorSuggestions = ErrorClassifier.SuggestionsFor(ErrorTypes.Cancelled);
        trace.FinishReason = "abandoned";
        Record(trace, deferred);
    }

    public void Record(LlmTrace trace, DeferredCapture? deferred)
    {
        if (deferred?.Span is { } span)
        {
            Spans?.Ended(span, trace);
        }

        _sink.Record(trace, deferred);
    }
}
