using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace LlmIngest.Capture;

/// <summary>
/// Chat middleware that records one trace per call, streaming or not. It hands the caller exactly what the inner
/// client produced and rethrows its exceptions unchanged; a stream the caller abandons is recorded as abandoned.
/// On the caller's thread it only stamps ids, copies what the call returned (lists and counts, not their later
/// mutations by outer middleware such as <c>UseFunctionInvocation()</c>) and enqueues.
/// </summary>
internal sealed class LlmTraceChatClient : DelegatingChatClient
{
    private const string AbandonedStream = "The caller stopped reading the stream before it ended (abandoned).";

    private readonly LlmTracer _tracer;
    private readonly string? _defaultModel;
    private readonly string? _provider;
    private readonly bool _adoptSpansOnly;

    /// <param name="innerClient">The client we wrap.</param>
    /// <param name="tracer">Records the calls.</param>
    /// <param name="adoptSpansOnly">MEAI's <c>UseOpenTelemetry()</c> is inside us: its span is the call's, start none of ours.</param>
    public LlmTraceChatClient(IChatClient innerClient, LlmTracer tracer, bool adoptSpansOnly = false)
        : base(innerClient)
    {
        _tracer = tracer;
        _adoptSpansOnly = adoptSpansOnly;
        var metadata = innerClient.GetService<ChatClientMetadata>();
        _defaultModel = metadata?.DefaultModelId;
        _provider = metadata?.ProviderName;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (trace, exchange, deferred) = Start(messages, options);
        var started = _tracer.Timestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _tracer.Fail(trace, deferred, started, e);
            throw;
        }

        // Copied now, on the caller's thread: outer middleware mutates the response after we return it.
        exchange.Completed(response);
        _tracer.Succeed(trace, deferred, started);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (trace, exchange, deferred) = Start(messages, options);
        var started = _tracer.Timestamp();
        IAsyncEnumerator<ChatResponseUpdate> enumerator;
        try
        {
            enumerator = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception e)
        {
            _tracer.Fail(trace, deferred, started, e);
            throw;
        }

        var finished = false;
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    finished = true;
                    _tracer.Fail(trace, deferred, started, e);
                    throw;
                }

                if (!more)
                {
                    break;
                }

                var update = enumerator.Current;
                if (trace.TimeToFirstTokenMs is null && CarriesOutput(update))
                {
                    trace.TimeToFirstTokenMs = _tracer.ElapsedMs(started);
                }

                exchange.Streamed(update);
                yield return update;
            }

            finished = true;
            _tracer.Succeed(trace, deferred, started);
        }
        finally
        {
            if (!finished)
            {
                exchange.Abandoned = true;
                _tracer.Abandon(trace, deferred, started, AbandonedStream);
            }

            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool CarriesOutput(ChatResponseUpdate update)
    {
        var contents = update.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is TextContent { Text.Length: > 0 } or FunctionCallContent or TextReasoningContent { Text.Length: > 0 })
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasSystemMessage(ChatMessage[] messages)
    {
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                return true;
            }
        }

        return false;
    }

    private static ChatMessage[] Snapshot(IEnumerable<ChatMessage> messages)
    {
        if (messages is ICollection<ChatMessage> collection)
        {
            var copy = new ChatMessage[collection.Count];
            collection.CopyTo(copy, 0);
            return copy;
        }

        return [.. messages];
    }

    private (LlmTrace Trace, ChatExchange Exchange, DeferredCapture Deferred) Start(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var trace = _tracer.Begin(options?.ModelId ?? _defaultModel, _provider, out var operation, out var span, _adoptSpansOnly);
        AITool[]? tools = null;
        if (options is not null)
        {
            trace.MaxTokens = options.MaxOutputTokens;
            if (options.Tools is { Count: > 0 } optionTools)
            {
                tools = new AITool[optionTools.Count];
                optionTools.CopyTo(tools, 0);
            }
        }

        var exchange = new ChatExchange(Snapshot(messages), tools)
        {
            Temperature = options?.Temperature,
            TopP = options?.TopP,
            RequestId = RequestIdSlot.Open(),
            Operation = operation,
            Span = span,
        };
        if (span is { Owned: false })
        {
            span.HasSystemMessage = HasSystemMessage(exchange.Request);
        }

        return (trace, exchange, exchange);
    }
}
