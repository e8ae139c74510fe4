using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace LlmIngest.Tests.Support;

/// <summary>A zero-latency chat client: answers every call with the same text and usage, or throws what it is told to.</summary>
internal sealed class ScriptedChatClient : IChatClient
{
    public string Answer { get; set; } = "ok";

    public Exception? Failure { get; set; }

    public UsageDetails Usage { get; set; } = new() { InputTokenCount = 10, OutputTokenCount = 2, TotalTokenCount = 12 };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Failure is not null
            ? Task.FromException<ChatResponse>(Failure)
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer))
            {
                ResponseId = "resp-1",
                ModelId = options?.ModelId ?? "gpt-4o-mini-2024-07-18",
                FinishReason = ChatFinishReason.Stop,
                Usage = Usage,
            });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var word in Answer.Split(' '))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, word + " ") { ResponseId = "resp-1" };
        }

        if (Failure is not null)
        {
            throw Failure;
        }

        yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop, Contents = [new UsageContent(Usage)] };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", null, "gpt-4o-mini") : null;

    public void Dispose()
    {
    }
}
