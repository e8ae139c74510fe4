using Microsoft.Extensions.AI;

namespace LlmIngest.Tests.Telemetry;

/// <summary>A chat model that answers every call with <see cref="Response"/> (or throws <see cref="Failure"/>).</summary>
internal sealed class CannedChatClient(string provider = "canned") : IChatClient
{
    public ChatResponse Response { get; set; } = new(new ChatMessage(ChatRole.Assistant, "ok"));

    public Exception? Failure { get; set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Failure is not null ? Task.FromException<ChatResponse>(Failure) : Task.FromResult(Response);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Response.ToChatResponseUpdates().ToAsyncEnumerable();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(provider, null, "default-model") : null;

    public void Dispose()
    {
    }
}
