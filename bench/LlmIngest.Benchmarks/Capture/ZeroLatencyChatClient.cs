using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace LlmIngest.Benchmarks.Capture;

/// <summary>Answers at once from cached objects, so only the middleware's own work is measured.</summary>
internal sealed class ZeroLatencyChatClient : IChatClient
{
    private static readonly UsageDetails Usage = new() { InputTokenCount = 42, OutputTokenCount = 12, TotalTokenCount = 54 };

    private static readonly Task<ChatResponse> Response = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Sorry to hear that! I've opened a replacement order."))
    {
        ResponseId = "chatcmpl-bench",
        ModelId = "gpt-4o-mini-2024-07-18",
        FinishReason = ChatFinishReason.Stop,
        Usage = Usage,
    });

    private static readonly ChatResponseUpdate[] Updates =
    [
        new(ChatRole.Assistant, "Sorry to hear that! ") { ResponseId = "chatcmpl-bench" },
        new(ChatRole.Assistant, "I've opened ") { ResponseId = "chatcmpl-bench" },
        new(ChatRole.Assistant, "a replacement order.") { ResponseId = "chatcmpl-bench" },
        new() { FinishReason = ChatFinishReason.Stop, Contents = [new UsageContent(Usage)] },
    ];

    private static readonly ChatClientMetadata Metadata = new("openai", new Uri("http://localhost/v1"), "gpt-4o-mini");

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => Response;

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var update in Updates)
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(ChatClientMetadata) ? Metadata : null;

    public void Dispose()
    {
    }
}
