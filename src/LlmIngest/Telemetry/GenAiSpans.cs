using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace LlmIngest.Telemetry;

/// <summary>
/// Starts the GenAI spans on the caller's thread: a <c>chat {model}</c> span per model call (or adopts the chat span of
/// MEAI's <c>UseOpenTelemetry()</c> when it is the current activity, so a call never has two) and an
/// <c>invoke_agent {name}</c> span per operation. A call takes its trace and span ids from its span, so the span's
/// trace id is the <c>trace_id</c> of the index line and the payload key. When a call ends only the end time is set:
/// the worker completes and stops the span once it knows what became of the payload.
/// </summary>
internal sealed class GenAiSpans
{
    /// <summary>The default source name of MEAI's <c>OpenTelemetryChatClient</c> (an app may pass its own).</summary>
    public const string MeaiDefaultSourceName = "Experimental.Microsoft.Extensions.AI";

    internal static readonly ActivitySource Source = new(
        LlmTraceOpenTelemetry.ActivitySourceName,
        typeof(GenAiSpans).Assembly.GetName().Version?.ToString());

    // MEAI chat spans already adopted by a call of ours: with UseOpenTelemetry() outside UseFunctionInvocation() one MEAI
    // span covers several model calls; only the first adopts it, the others start spans of their own under it.
    private static readonly ConditionalWeakTable<Activity, object> Adopted = new();
    private static readonly object AdoptedMarker = new();

    private readonly IContentReferences? _references;
    private int _warnedInside;

    public GenAiSpans(IOptions<LlmTraceOpenTelemetryOptions> options, IContentReferences? references = null)
    {
        Enabled = options.Value.Enabled;
        _references = references;
    }

    /// <summary>False unless <c>OpenTelemetry:Enabled</c>: the tracer then starts no span and checks nothing else.</summary>
    public bool Enabled { get; }

    /// <summary>
    /// The span of a new call (<paramref name="trace"/> was stamped by the trace context; its ids are replaced by the
    /// span's), or null when nobody listens. <paramref name="adoptOnly"/>: start none of ours (MEAI's span is inside ours).
    /// </summary>
    public static CallSpan? StartChat(LlmTrace trace, LlmOperation? operation, bool adoptOnly)
    {
        var current = Activity.Current;
        if (current is not null && IsOpenChatSpanOfAnother(current)
            && (operation is null || string.Equals(operation.TraceId, current.TraceId.ToHexString(), StringComparison.Ordinal))
            && Adopted.TryAdd(current, AdoptedMarker))
        {
            TakeIds(trace, current);
            return new CallSpan(current, owned: false, previous: null);
        }

        if (adoptOnly || !Source.HasListeners())
        {
            return null;
        }

        var model = trace.Model;
        var activity = Source.StartActivity(
            string.IsNullOrEmpty(model) ? GenAiAttributes.Chat : GenAiAttributes.Chat + " " + model,
            ActivityKind.Client,
            ParentOf(operation),
            [
                new(GenAiAttributes.OperationName, GenAiAttributes.Chat),
                new(GenAiAttributes.RequestModel, model),
                new(GenAiAttributes.ProviderName, trace.Provider),
            ]);
        if (activity is null)
        {
            return null;
        }

        if (activity.IdFormat == ActivityIdFormat.W3C)
        {
            TakeIds(trace, activity);
        }

        return new CallSpan(activity, owned: true, previous: current);
    }

    /// <summary>The span of a new operation, or null when nobody listens; it becomes <see cref="Activity.Current"/>.</summary>
    public static Activity? StartOperation(string name, string? sessionId, LlmOperation? enclosing)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(
            GenAiAttributes.InvokeAgent + " " + name,
            ActivityKind.Internal,
            ParentOf(enclosing),
            [
                new(GenAiAttributes.OperationName, GenAiAttributes.InvokeAgent),
                new(GenAiAttributes.AgentName, name),
                new(GenAiAttributes.ConversationId, sessionId),
            ]);
        return activity is { IdFormat: ActivityIdFormat.W3C } ? activity : Discard(activity);
    }

    /// <summary>
    /// Called on the caller's thread as the call ends, before it is recorded: our span gets its end time (it is stopped
    /// later, on the worker) and stops being current; an adopted MEAI span is enriched now, because MEAI stops it as
    /// soon as our middleware returns.
    /// </summary>
    public void Ended(CallSpan span, LlmTrace trace)
    {
        var activity = span.Activity;
        if (span.Owned)
        {
            activity.SetEndTime(DateTime.UtcNow);
            if (ReferenceEquals(Activity.Current, activity))
            {
                Activity.Current = span.Previous;
            }

            return;
        }

        if (!activity.IsAllDataRequested || activity.IsStopped)
        {
            return;
        }

        activity.SetTag(GenAiAttributes.Step, trace.Step);
        activity.SetTag(GenAiAttributes.FunctionName, trace.FunctionName);
        activity.SetTag(GenAiAttributes.TenantId, trace.TenantId);

        // The worker stores the payload after MEAI has stopped its span, so the reference is the key the payload will
        // have (a pure function of the ids), set only when sampling will keep the call; no storage event here.
        if (_references?.PredictUri(trace) is { } uri)
        {
            activity.SetTag(GenAiAttributes.InputMessagesRef, uri);
            activity.SetTag(GenAiAttributes.OutputMessagesRef, uri);
            if (span.HasSystemMessage)
            {
                activity.SetTag(GenAiAttributes.SystemInstructionsRef, uri);
            }

            activity.SetTag(GenAiAttributes.PayloadRefPredicted, true);
        }
    }

    /// <summary>True the first time only: the warning about MEAI's span inside our middleware is logged once.</summary>
    public bool FirstInsideWarning() => Interlocked.Exchange(ref _warnedInside, 1) == 0;

    /// <summary>
    /// A chat span of another instrumentation (MEAI's <c>OpenTelemetryChatClient</c>, whatever source name the app gave
    /// it) that is still open: a client span of MEAI's default source, or one whose <c>gen_ai.operation.name</c> is chat.
    /// </summary>
    private static bool IsOpenChatSpanOfAnother(Activity activity) =>
        activity is { Kind: ActivityKind.Client, IsStopped: false, IdFormat: ActivityIdFormat.W3C }
        && !ReferenceEquals(activity.Source, Source)
        && (string.Equals(activity.Source.Name, MeaiDefaultSourceName, StringComparison.Ordinal)
            || activity.GetTagItem(GenAiAttributes.OperationName) is GenAiAttributes.Chat);

    private static void TakeIds(LlmTrace trace, Activity activity)
    {
        trace.TraceId = activity.TraceId.ToHexString();
        trace.SpanId = activity.SpanId.ToHexString();
        trace.ParentSpanId = activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString();
    }

    /// <summary>
    /// The operation's span as parent (its ids are the ones its calls record, whatever activity is current), or the
    /// default: <see cref="Activity.Current"/>.
    /// </summary>
    private static ActivityContext ParentOf(LlmOperation? operation)
    {
        if (operation is null)
        {
            return default;
        }

        if (operation.Span is { } span)
        {
            return span.Context;
        }

        try
        {
            var flags = operation.UpstreamSampled == false ? ActivityTraceFlags.None : ActivityTraceFlags.Recorded;
            return new ActivityContext(ActivityTraceId.CreateFromString(operation.TraceId), ActivitySpanId.CreateFromString(operation.SpanId), flags);
        }
        catch (ArgumentOutOfRangeException)
        {
            return default; // not W3C ids: the current activity, if any, is the parent
        }
    }

    private static Activity? Discard(Activity? activity)
    {
        activity?.Stop();
        return null;
    }
}
