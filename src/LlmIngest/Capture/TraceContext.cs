using System.Diagnostics;

namespace LlmIngest.Capture;

/// <summary>
/// Stamps a new call with its place in a trace: the innermost <see cref="LlmOperation"/> when one is open (it adopted
/// the <see cref="Activity"/> current when it began), else the current W3C <see cref="Activity"/>, else nothing (the
/// queue gives the call a trace of its own).
/// </summary>
internal static class TraceContext
{
    // Steps of calls made under an Activity are counted per local root activity (one agent run in this process), in a
    // custom property of that root: it lives exactly as long as the activity. (A ConditionalWeakTable entry per root
    // cost ~600 ns per call when every call is its own root, as under MEAI's UseOpenTelemetry(): docs/benchmarks.md.)
    private const string StepsProperty = "LlmIngest.Steps";
    private static readonly Lock CreateSteps = new();

    /// <summary>Stamps <paramref name="trace"/>; returns the operation it was made in, if any.</summary>
    public static LlmOperation? Stamp(LlmTrace trace)
    {
        var operation = LlmOperation.Current;
        if (operation is not null)
        {
            trace.TraceId = operation.TraceId;
            trace.ParentSpanId = operation.SpanId;
            trace.Step = operation.NextStep();
            trace.FunctionName = operation.Name;
            trace.SessionId = operation.SessionId;
            trace.UserId = operation.UserId;
            trace.TenantId = operation.TenantId;
            trace.Tags = operation.Tags;
            trace.UpstreamSampled = operation.UpstreamSampled;
            return operation;
        }

        var activity = Activity.Current;
        if (activity is { IdFormat: ActivityIdFormat.W3C })
        {
            trace.TraceId = activity.TraceId.ToHexString();
            trace.ParentSpanId = activity.SpanId.ToHexString();
            trace.Step = StepsOf(activity).Next();
            trace.UpstreamSampled = activity.Recorded;
        }

        return null;
    }

    /// <summary>The step sequence of the run <paramref name="activity"/> belongs to (kept on its local root).</summary>
    public static StepCounter StepsOf(Activity activity)
    {
        var root = activity;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        if (root.GetCustomProperty(StepsProperty) is StepCounter steps)
        {
            return steps;
        }

        // Only a root's first call gets here; the lock makes parallel first calls share one counter.
        lock (CreateSteps)
        {
            if (root.GetCustomProperty(StepsProperty) is not StepCounter created)
            {
                created = new StepCounter();
                root.SetCustomProperty(StepsProperty, created);
            }

            return created;
        }
    }
}
