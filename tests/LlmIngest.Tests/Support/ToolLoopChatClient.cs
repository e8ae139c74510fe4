using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace LlmIngest.Tests.Support;

/// <summary>
/// A model that drives a tool loop: while the conversation does not end in tool results it asks for
/// <see cref="ParallelCalls"/> calls of <c>get_weather</c> (always, when <see cref="AlwaysCallTools"/>), then answers.
/// Every turn has usage of its own (turn n: 100n+21 in, 10n+7 out, n+4 cached, n+2 reasoning), and what each turn
/// returned is written down, as values, in <see cref="Returned"/> at the moment it is returned.
/// </summary>
internal sealed class ToolLoopChatClient : IChatClient
{
    private readonly Lock _lock = new();
    private int _turns;

    public const string Model = "gpt-4o-mini";

    public int ParallelCalls { get; set; } = 1;

    public bool AlwaysCallTools { get; set; }

    public List<ReturnedCall> Returned { get; } = [];

    public static UsageDetails UsageOf(int turn) => new()
    {
        InputTokenCount = (100 * turn) + 21,
        OutputTokenCount = (10 * turn) + 7,
        TotalTokenCount = (100 * turn) + 21 + (10 * turn) + 7,
        CachedInputTokenCount = turn + 4,
        ReasoningTokenCount = turn + 2,
    };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (turn, message, finish) = Answer(messages, options);
        var response = new ChatResponse(message)
        {
            ResponseId = "resp-" + turn,
            ModelId = Model + "-2024-07-18",
            FinishReason = finish,
            Usage = UsageOf(turn),
        };
        Remember(turn, response.Usage, [message], finish);
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (turn, message, finish) = Answer(messages, options);
        var usage = UsageOf(turn);
        Remember(turn, usage, [message], finish);
        var id = "resp-" + turn;
        foreach (var content in message.Contents)
        {
            await Task.Yield();
            if (content is TextContent text)
            {
                var words = text.Text.Split(' ');
                for (var i = 0; i < words.Length; i++)
                {
                    var piece = i < words.Length - 1 ? words[i] + " " : words[i];
                    yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ResponseId = id, MessageId = id, ModelId = Model + "-2024-07-18" };
                }

                continue;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, [content]) { ResponseId = id, MessageId = id, ModelId = Model + "-2024-07-18" };
        }

        yield return new ChatResponseUpdate { ResponseId = id, FinishReason = finish, Contents = [new UsageContent(usage)] };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("tool-loop", null, Model) : null;

    public void Dispose()
    {
    }

    private (int Turn, ChatMessage Message, ChatFinishReason Finish) Answer(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var history = messages.ToList();
        int turn;
        lock (_lock)
        {
            turn = _turns++;
        }

        var toolsOffered = options?.Tools is { Count: > 0 };
        var lastIsToolResult = history.Count > 0 && history[^1].Contents.Any(c => c is FunctionResultContent);
        if (toolsOffered && (AlwaysCallTools || !lastIsToolResult))
        {
            var calls = Enumerable.Range(0, ParallelCalls)
                .Select(i => (AIContent)new FunctionCallContent($"call_{turn}_{i}", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }))
                .ToList();
            return (turn, new ChatMessage(ChatRole.Assistant, calls), ChatFinishReason.ToolCalls);
        }

        var results = history.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Count();
        return (turn, new ChatMessage(ChatRole.Assistant, $"Answer {turn} after {results} tool results."), ChatFinishReason.Stop);
    }

    private void Remember(int turn, UsageDetails usage, ChatMessage[] messages, ChatFinishReason finish)
    {
        var summary = messages.Select(Describe).ToList();
        lock (_lock)
        {
            Returned.Add(new ReturnedCall(
                "resp-" + turn,
                usage.InputTokenCount!.Value,
                usage.OutputTokenCount!.Value,
                usage.TotalTokenCount!.Value,
                usage.CachedInputTokenCount!.Value,
                usage.ReasoningTokenCount!.Value,
                summary,
                finish.Value));
        }
    }

    /// <summary>A message as the trace model writes it: role, text, tool call ids.</summary>
    public static string Describe(ChatMessage message) =>
        message.Role.Value + ":" + message.Text + ":" + string.Join(',', message.Contents.OfType<FunctionCallContent>().Select(c => c.CallId));

    public static string Describe(LlmMessage message) =>
        message.Role + ":" + message.Content + ":" + string.Join(',', (message.ToolCalls ?? []).Select(c => c.Id));
}

/// <summary>What one model call returned, written down when it returned.</summary>
internal sealed record ReturnedCall(string ResponseId, long Input, long Output, long Total, long Cached, long Reasoning, List<string> Messages, string FinishReason);
