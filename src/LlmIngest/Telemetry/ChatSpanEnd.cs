using System.Diagnostics;

namespace LlmIngest.Telemetry;

/// <summary>Stops call spans: never on a thread whose current activity it should change, exactly once.</summary>
internal static class ChatSpanEnd
{
    /// <summary>
    /// Stops <paramref name="activity"/> leaving <see cref="Activity.Current"/> as it was: <c>Stop()</c> makes the
    /// span's previous activity current, which on the worker is an activity of the app's request flow.
    /// </summary>
    public static void Stop(Activity activity)
    {
        var current = Activity.Current;
        activity.Stop();
        if (!ReferenceEquals(current, activity))
        {
            Activity.Current = current;
        }
    }

    /// <summary>Ends the span of a call that never reached the worker's storage step (queue drop, shutdown), giving the reason.</summary>
    public static void Dropped(CallSpan? span, string reason)
    {
        if (span is not { Owned: true, Activity: { IsStopped: false } activity })
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(GenAiAttributes.Dropped, reason);
            activity.AddEvent(StorageEvent(ContentStorage.Skipped));
        }

        Stop(activity);
    }

    /// <summary>The <c>gen_ai.content.storage.result</c> event: the status, the refs when stored, the error type when storing failed.</summary>
    public static ActivityEvent StorageEvent(ContentStorage storage, bool hasSystemMessage = false)
    {
        var tags = new ActivityTagsCollection { [GenAiAttributes.StorageStatus] = storage.StatusText };
        if (storage.Uri is { } uri)
        {
            tags[GenAiAttributes.InputMessagesRef] = uri;
            tags[GenAiAttributes.OutputMessagesRef] = uri;
            if (hasSystemMessage)
            {
                tags[GenAiAttributes.SystemInstructionsRef] = uri;
            }
        }

        if (storage.ErrorType is { } errorType)
        {
            tags[GenAiAttributes.ErrorType] = errorType;
        }

        return new ActivityEvent(GenAiAttributes.StorageResultEvent, tags: tags);
    }
}
