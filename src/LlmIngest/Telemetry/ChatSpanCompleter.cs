using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace LlmIngest.Telemetry;

/// <summary>
/// Completes a call's span on the worker, after enrichment, sampling and the payload upload: the attributes from the final
/// trace, the references to the stored payload, the <c>gen_ai.content.storage.result</c> event, the redacted content
/// when <c>RecordContent</c> is on; then stops it (its end time was set when the call ended).
/// </summary>
internal sealed class ChatSpanCompleter(IOptions<LlmTraceOpenTelemetryOptions> options)
{
    private readonly bool _recordContent = options.Value.RecordContent;

    /// <param name="span">The call's span (only ours is completed here; an adopted MEAI span was enriched at the call's end).</param>
    /// <param name="trace">The final trace.</param>
    /// <param name="storage">What became of the payload.</param>
    /// <param name="redacted">The trace's messages are redacted (false when the worker failed before redaction).</param>
    public void Complete(CallSpan span, LlmTrace trace, ContentStorage storage, bool redacted)
    {
        if (span is not { Owned: true, Activity: { IsStopped: false } activity })
        {
            return;
        }

        try
        {
            if (activity.IsAllDataRequested)
            {
                ChatSpanAttributes.Apply(activity, trace);
                var hasSystemMessage = GenAiContentJson.HasSystemMessage(trace.Messages);
                if (storage.Status == ContentStorageStatus.Success && storage.Uri is { } uri)
                {
                    activity.SetTag(GenAiAttributes.InputMessagesRef, uri);
                    activity.SetTag(GenAiAttributes.OutputMessagesRef, uri);
                    if (hasSystemMessage)
                    {
                        activity.SetTag(GenAiAttributes.SystemInstructionsRef, uri);
                    }
                }

                if (storage.Status == ContentStorageStatus.Skipped)
                {
                    activity.SetTag(GenAiAttributes.SampledOut, true);
                }

                activity.AddEvent(ChatSpanEnd.StorageEvent(storage, hasSystemMessage));
                if (_recordContent && redacted)
                {
                    activity.SetTag(GenAiAttributes.InputMessages, GenAiContentJson.Input(trace));
                    activity.SetTag(GenAiAttributes.SystemInstructions, GenAiContentJson.SystemInstructions(trace));
                    activity.SetTag(GenAiAttributes.OutputMessages, GenAiContentJson.Output(trace));
                }
            }
        }
        finally
        {
            ChatSpanEnd.Stop(activity);
        }
    }

    /// <summary>Ends a span whose trace went to a recorder the app supplied: its attributes, no storage outcome (not ours to know).</summary>
    public static void CompleteElsewhere(CallSpan span, LlmTrace trace)
    {
        if (span is not { Owned: true, Activity: { IsStopped: false } activity })
        {
            return;
        }

        try
        {
            if (activity.IsAllDataRequested)
            {
                ChatSpanAttributes.Apply(activity, trace);
            }
        }
        finally
        {
            ChatSpanEnd.Stop(activity);
        }
    }
}
