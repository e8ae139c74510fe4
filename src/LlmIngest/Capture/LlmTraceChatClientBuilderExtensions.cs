using LlmIngest.Capture;
using Microsoft.Extensions.DependencyInjection;

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
            return new LlmTraceChatClient(inner, tracer);
        });
    }
}
