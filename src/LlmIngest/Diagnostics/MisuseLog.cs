using Microsoft.Extensions.Logging;

namespace LlmIngest.Diagnostics;

/// <summary>The library's messages about how it is wired into the app (kept apart from the pipeline's own messages).</summary>
internal static partial class MisuseLog
{
    [LoggerMessage(60, LogLevel.Warning, "LlmIngest received a trace but its worker is not running, so nothing is written yet: start the host (app.Run(), host.StartAsync()) that AddLlmTraceIngest was registered in. Traces queue until then (capacity {Capacity}); FlushAsync fails instead of waiting.")]
    public static partial void RecordedWithoutWorker(ILogger logger, int capacity);

    [LoggerMessage(61, LogLevel.Warning, "UseOpenTelemetry() is inside UseLlmTraceIngest() in this chat pipeline: MEAI's span is the call's span, but it ends before LlmIngest knows the payload, so it carries no gen_ai.*_ref and its span id is not the payload's. Put UseLlmTraceIngest() after UseOpenTelemetry() (builder.UseOpenTelemetry().UseLlmTraceIngest()) to get the references on MEAI's span.")]
    public static partial void OpenTelemetryInsideLlmTrace(ILogger logger);
}
