using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace LlmIngest.Demo;

/// <summary>
/// A stand-in for a provider's <see cref="IChatClient"/>: no network, answers after a short delay with usage derived
/// from the prompt's length. Offered tools, it asks for <c>lookup_order</c>, then <c>issue_refund</c>, then answers;
/// about one call in ten fails as real ones do (429, context length, timeout).
/// </summary>
internal sealed class FakeChatClient(FakeChatModel model) : IChatClient
{
    private static readonly string[] Answers =
    [
        "billing",
        "technical",
        "The customer reports a problem with their latest order and asks for a call back or a refund; tone is frustrated but polite.",
        "Thank you for reaching out. I'm sorry about the trouble with your order — I've opened a case and a colleague will contact you within one business day.",
    ];

    private readonly Lock _lock = new();
    private int _calls;

    /// <summary>Model calls served, failed ones included.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (message, finish, usage) = await AnswerAsync(messages, options, cancellationToken).ConfigureAwait(false);
        return new ChatResponse(message)
        {
            ResponseId = "chatcmpl-" + Guid.NewGuid().ToString("N")[..24],
            ModelId = (options?.ModelId ?? "gpt-4o-mini") + "-2024-08-06",
            FinishReason = finish,
            Usage = usage,
            AdditionalProperties = new() { ["SystemFingerprint"] = "fp_demo01" },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (message, finish, usage) = await AnswerAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N")[..24];
        var model = (options?.ModelId ?? "gpt-4o-mini") + "-2024-08-06";
        foreach (var content in message.Contents)
        {
            if (content is TextContent text)
            {
                foreach (var piece in text.Text.Split(' '))
                {
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                    yield return new ChatResponseUpdate(ChatRole.Assistant, piece + " ") { ResponseId = id, MessageId = id, ModelId = model };
                }
            }
            else
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, [content]) { ResponseId = id, MessageId = id, ModelId = model };
            }
        }

        yield return new ChatResponseUpdate { ResponseId = id, FinishReason = finish, Contents = [new UsageContent(usage)] };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("openai", new Uri("http://localhost/v1"), "gpt-4o-mini") : null;

    public void Dispose()
    {
    }

    private async Task<(ChatMessage Message, ChatFinishReason Finish, UsageDetails Usage)> AnswerAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var history = messages as IList<ChatMessage> ?? [.. messages];
        var promptTokens = 0;
        foreach (var message in history)
        {
            promptTokens += 4 + (message.Text.Length / 4);
        }

        double roll;
        lock (_lock)
        {
            roll = model.NextDouble();
        }

        await Task.Delay(TimeSpan.FromMilliseconds(1 + (roll * 4)), cancellationToken).ConfigureAwait(false);
        if (roll < 0.05)
        {
            throw new HttpRequestException("Error code: 429 - Rate limit reached for requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms.", null, HttpStatusCode.TooManyRequests);
        }

        if (roll < 0.08)
        {
            throw new InvalidOperationException("This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens (context_length_exceeded).");
        }

        if (roll < 0.10)
        {
            throw new TimeoutException("The request timed out after 30000 ms.");
        }

        ChatMessage answer;
        ChatFinishReason finish;
        var results = history.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Count();
        if (options?.Tools is { Count: > 0 } && results < 2)
        {
            var call = results == 0
                ? new FunctionCallContent("call_" + Guid.NewGuid().ToString("N")[..8], "lookup_order", new Dictionary<string, object?> { ["order_id"] = "A-55821" })
                : new FunctionCallContent("call_" + Guid.NewGuid().ToString("N")[..8], "issue_refund", new Dictionary<string, object?> { ["order_id"] = "A-55821", ["amount"] = 49.90 });
            answer = new ChatMessage(ChatRole.Assistant, [call]);
            finish = ChatFinishReason.ToolCalls;
        }
        else
        {
            answer = new ChatMessage(ChatRole.Assistant, options?.Tools is { Count: > 0 }
                ? "I've refunded 49.90 EUR to the original payment method; you'll see it in 3-5 days."
                : Answers[(int)(roll * 1000) % Answers.Length]);
            finish = roll > 0.96 ? ChatFinishReason.Length : ChatFinishReason.Stop;
        }

        var completionTokens = 3 + (answer.Text.Length / 4) + (answer.Contents.Count * 12);
        var usage = new UsageDetails
        {
            InputTokenCount = promptTokens,
            OutputTokenCount = completionTokens,
            TotalTokenCount = promptTokens + completionTokens,
            CachedInputTokenCount = promptTokens > 200 ? promptTokens / 2 : 0,
        };
        return (answer, finish, usage);
    }
}
