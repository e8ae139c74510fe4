using LlmIngest.Capture;
using LlmIngest.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.AI;

/// <summary>Adds LlmIngest tracing to a chat client pipeline.</summary>
public static class LlmTraceChatClientBuilderExtensions
{
    /// <summary>
    /// Records one trace per call of the chat client (streaming or not) through the LlmIngest pipeline registered with
    /// <c>AddLlmTraceIngest</c>. Place it after retry middleware to record every attempt, before it to record one per call.
    /// </summary>
    public static ChatClientBuilder UseLlmTraceIngest(this ChatClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(static (inner, services) =>
        {
            var tracer = services.GetService<LlmTracer>()
                ?? throw new InvalidOperationException("UseLlmTraceIngest needs LlmIngest in the service provider the chat client is built with: call services.AddLlmTraceIngest(...).");

            // MEAI's UseOpenTelemetry() inside ours makes the call's span: we start none (one span per call), and say
            // once that the other order puts the payload references on it.
            var telemetryInside = tracer.Spans is not null && inner.GetService<OpenTelemetryChatClient>() is not null;
            if (telemetryInside && tracer.Spans!.FirstInsideWarning())
            {
                var logger = services.GetService<ILoggerFactory>()?.CreateLogger<LlmTraceChatClient>();
                if (logger is not null)
                {
                    MisuseLog.OpenTelemetryInsideLlmTrace(logger);
                }
            }

            return new LlmTraceChatClient(inner, tracer, telemetryInside);
        });
    }
}
