using System.Diagnostics;

using LlmIngest.Capture;
using LlmIngest.Telemetry;

namespace LlmIngest;

/// <summary>
/// An ambient operation (an agent run, a request) opened with <see cref="ILlmTracer.BeginOperation"/>: every call
/// made in it, across awaits and parallel tasks, shares its trace id, gets the next step and has this operation's
/// span as parent. Dispose it to close it: it then writes a line of its own (<c>operation:"agent"</c>) with its
/// duration and its calls' count, tokens, cost and errors.
/// </summary>
public sealed class LlmOperation : IDisposable
{
    private static readonly AsyncLocal<LlmOperation?> CurrentOperation = new();

    private readonly LlmOperation? _previous;
    private readonly StepCounter _steps;
    private readonly LlmTracer? _tracer;
    private readonly long _started;
    private int _disposed;

    internal LlmOperation(string name, string? sessionId, string? userId, string? tenantId, IList<string>? tags, LlmTracer? tracer = null)
    {
        _tracer = tracer;
        _previous = CurrentOperation.Value;

        // One clock read serves the start time and a generated trace id (UUIDv7).
        var startedAt = tracer?.UtcNow() ?? TimeProvider.System.GetUtcNow();
        Name = name;
        if (_previous is not null)
        {
            // A nested operation is part of the same run: same trace, same step sequence, its own span.
            TraceId = _previous.TraceId;
            ParentSpanId = _previous.SpanId;
            _steps = _previous._steps;
            SessionId = sessionId ?? _previous.SessionId;
            UserId = userId ?? _previous.UserId;
            TenantId = tenantId ?? _previous.TenantId;
            Tags = tags ?? _previous.Tags;
            UpstreamSampled = _previous.UpstreamSampled;
        }
        else
        {
            var activity = Activity.Current;
            if (activity is { IdFormat: ActivityIdFormat.W3C })
            {
                // Under an Activity the operation joins its trace and its steps: calls made under the Activity before,
                // beside or after this operation share one sequence, so steps never repeat in the trace.
                TraceId = activity.TraceId.ToHexString();
                ParentSpanId = activity.SpanId.ToHexString();
                _steps = TraceContext.StepsOf(activity);
                UpstreamSampled = activity.Recorded;
            }
            else
            {
                TraceId = TraceIdentifiers.NewTraceId(startedAt);
                _steps = new StepCounter();
            }

            SessionId = sessionId;
            UserId = userId;
            TenantId = tenantId;
            Tags = tags;
        }

        SpanId = TraceIdentifiers.NewSpanId();

        // With OpenTelemetry on, the operation is an invoke_agent span (current until disposed) and takes its ids.
        if (tracer?.Spans is not null && GenAiSpans.StartOperation(name, SessionId, _previous) is { } span)
        {
            Span = span;
            TraceId = span.TraceId.ToHexString();
            SpanId = span.SpanId.ToHexString();
            ParentSpanId = span.ParentSpanId == default ? null : span.ParentSpanId.ToHexString();
        }

        Parent = _previous;
        if (tracer is not null)
        {
            _started = tracer.Timestamp();
            StartedAt = startedAt;
        }

        CurrentOperation.Value = this;
    }

    /// <summary>The trace id every call of this operation carries.</summary>
    public string TraceId { get; }

    /// <summary>This operation's span: the parent span of its calls.</summary>
    public string SpanId { get; }

    /// <summary>The W3C sampled flag of the <see cref="Activity"/> the operation joined (null when none).</summary>
    internal bool? UpstreamSampled { get; }

    /// <summary>The enclosing operation's or <see cref="Activity"/>'s span, if any.</summary>
    public string? ParentSpanId { get; }

    /// <summary>The operation's name, recorded as the calls' <c>function_name</c>.</summary>
    public string Name { get; }

    /// <summary>The session the calls belong to.</summary>
    public string? SessionId { get; }

    /// <summary>The end user on whose behalf the calls are made.</summary>
    public string? UserId { get; }

    /// <summary>The tenant of the calls.</summary>
    public string? TenantId { get; }

    /// <summary>Tags added to every call.</summary>
    public IList<string>? Tags { get; }

    /// <summary>Calls started in this run so far (the next call gets this step).</summary>
    public int Steps => _steps.Count;

    internal static LlmOperation? Current => CurrentOperation.Value;

    /// <summary>The enclosing operation of the same run, whose totals include this one's calls.</summary>
    internal LlmOperation? Parent { get; }

    /// <summary>This operation's calls' totals, kept by the worker.</summary>
    internal OperationTally Totals { get; } = new();

    internal DateTimeOffset StartedAt { get; }

    /// <summary>The operation's <c>invoke_agent</c> span when OpenTelemetry is on and listened to.</summary>
    internal Activity? Span { get; }

    /// <summary>Closes the operation and records its own line: later calls in this flow go back to the enclosing context.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (ReferenceEquals(CurrentOperation.Value, this))
        {
            CurrentOperation.Value = _previous;
        }

        if (Span is { } span)
        {
            ChatSpanEnd.Stop(span);
        }

        _tracer?.EndOperation(this, _started);
    }

    internal int NextStep() => _steps.Next();
}
