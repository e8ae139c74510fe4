using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace LlmIngest.Tests.Telemetry;

/// <summary>A chat model that answers every call with <see cref="Response"/> (or throws <see cref="Failure"/>).</summary>
internal sealed class CannedChatClient(string provider = "canned") : IChatClient
{
    public ChatResponse Response { get; set; } = new(new ChatMessage(ChatRole.Assistant, "ok"));

    public Exception? Failure { get; set; }

    /// <summary>The <see cref="Activity.Current"/> the last call ran under (where the SDK's HTTP span would nest).</summary>
    public Activity? SeenActivity { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        SeenActivity = Activity.Current;
        return Failure is not null ? Task.FromException<ChatResponse>(Failure) : Task.FromResult(Response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SeenActivity = Activity.Current;
        foreach (var update in Response.ToChatResponseUpdates())
        {
            await Task.Yield();
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(provider, null, "default-model") : null;

    public void Dispose()
    {
    }
}
