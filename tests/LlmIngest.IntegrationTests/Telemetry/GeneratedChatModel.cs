using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace LlmIngest.IntegrationTests.Telemetry;

/// <summary>
/// A chat model whose answers come from a seeded generator: model, response id, usage and finish reason vary per call,
/// and every <see cref="FailEvery"/>-th call fails with an HTTP 429 the way a provider SDK reports it.
/// </summary>
internal sealed class GeneratedChatModel(int seed) : IChatClient
{
    private static readonly string[] Models = ["gpt-4o-mini", "gpt-4o", "claude-3-5-sonnet", "gemini-1.5-pro", "o3-mini"];
    private static readonly string[] FinishReasons = ["stop", "length", "content_filter"];

    private readonly Random _random = new(seed);
    private int _calls;

    public int FailEvery { get; init; } = 4;

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("generated-provider", null, Models[0]) : null;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        if (call % FailEvery == 0)
        {
            return Task.FromException<ChatResponse>(new HttpRequestException("Too Many Requests", null, HttpStatusCode.TooManyRequests));
        }

        lock (_random)
        {
            var text = "answer " + call + " " + new string((char)('a' + _random.Next(26)), _random.Next(5, 40));
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
            {
                ModelId = (options?.ModelId ?? Models[0]) + "-2026-01-01",
                ResponseId = "resp_" + _random.Next(1_000_000, 9_999_999),
                FinishReason = new ChatFinishReason(FinishReasons[_random.Next(FinishReasons.Length)]),
                Usage = new UsageDetails { InputTokenCount = _random.Next(1, 5000), OutputTokenCount = _random.Next(1, 900) },
            });
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <summary>A model name the generator picks for the next request.</summary>
    public string NextModel()
    {
        lock (_random)
        {
            return Models[_random.Next(Models.Length)];
        }
    }

    public void Dispose()
    {
    }
}
