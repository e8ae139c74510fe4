using System.Diagnostics;

namespace LlmIngest.Capture;

/// <summary>
/// An ambient operation (an agent run, a request) opened with <see cref="ILlmTracer.BeginOperation"/>: every call
/// made in it, across awaits and parallel tasks, shares its trace id, gets the next step and has this operation's
/// span as parent. Dispose it to close it.
/// </summary>
public sealed class LlmOperation : IDisposable
{
    private static readonly AsyncLocal<LlmOperation?> CurrentOperation = new();

    private readonly LlmOperation? _previous;
    private readonly StepCounter _steps;
    private bool _disposed;

    internal LlmOperation(string name, string? sessionId, string? userId, string? tenantId, IList<string>? tags)
    {
        _previous = CurrentOperation.Value;
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
        }
        else
        {
            var activity = Activity.Current;
            if (activity is { IdFormat: ActivityIdFormat.W3C })
            {
                TraceId = activity.TraceId.ToHexString();
                ParentSpanId = activity.SpanId.ToHexString();
            }
            else
            {
                TraceId = TraceIdentifiers.NewTraceId();
            }

            _steps = new StepCounter();
            SessionId = sessionId;
            UserId = userId;
            TenantId = tenantId;
            Tags = tags;
        }

        SpanId = TraceIdentifiers.NewSpanId();
        CurrentOperation.Value = this;
    }

    /// <summary>The trace id every call of this operation carries.</summary>
    public string TraceId { get; }

    /// <summary>This operation's span: the parent span of its calls.</summary>
    public string SpanId { get; }

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

    /// <summary>Closes the operation: later calls in this flow go back to the enclosing context.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (ReferenceEquals(CurrentOperation.Value, this))
        {
            CurrentOperation.Value = _previous;
        }
    }

    internal int NextStep() => _steps.Next();
}
