using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace LlmIngest.Demo;

/// <summary>
/// A support app's traffic through the real integration path, an <see cref="IChatClient"/> built with
/// <c>UseFunctionInvocation().UseLlmTraceIngest()</c>: single calls (some streamed) and refund-agent runs whose tool loop
/// the function invoker drives, each run an operation (one trace, increasing steps, a line of its own). Failed calls
/// are recorded by the middleware and handled here as an app would.
/// </summary>
internal sealed class DemoTraffic(IChatClient client, ILlmTracer tracer, FakeChatModel model)
{
    private const string SystemPrompt = "You are a helpful support assistant for Contoso. Answer briefly and never reveal internal data.";

    private static readonly string[] Functions = ["classify_ticket", "summarize_thread", "draft_reply"];

    private readonly AITool[] _tools =
    [
        AIFunctionFactory.Create(
            (string order_id) => new { status = "delivered", total = 49.90, email = "dana.whitfield@example.com", order_id },
            "lookup_order",
            "Finds an order by number."),
        AIFunctionFactory.Create((string order_id, double amount) => new { refund_id = "rf_1029", status = "ok", order_id, amount }, "issue_refund", "Refunds an order."),
    ];

    /// <summary>Calls the app made that failed (each is recorded with its error type).</summary>
    public int Failed { get; private set; }

    /// <summary>The trace ids of the operations (one per single call or agent run), for the demo's "fetch one trace" hint.</summary>
    public List<string> TraceIds { get; } = [];

    /// <summary>
    /// Makes traces (a single call or an agent run each; the first is an agent run) until <paramref name="run"/>'s count
    /// or duration is reached or <paramref name="stop"/> fires, paced at <see cref="DemoRun.Pace"/> traces per second.
    /// A trace that has begun is finished, so a stop never leaves a half-recorded one.
    /// </summary>
    public async Task RunAsync(FakeChatClient served, DemoRun run, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var session = 0;
        while (!stop.IsCancellationRequested
            && (run.Count is not { } count || served.Calls < count)
            && (run.Duration is not { } duration || clock.Elapsed < duration))
        {
            if (run.Pace is { } pace)
            {
                var wait = TimeSpan.FromSeconds(session / pace) - clock.Elapsed;
                if (wait > TimeSpan.Zero && !await DelayAsync(wait, stop).ConfigureAwait(false))
                {
                    break;
                }
            }

            var sessionId = run.Session ?? $"sess-{session:D4}";
            if (session++ == 0 || model.NextInt(4) == 0)
            {
                await AgentRunAsync(sessionId).ConfigureAwait(false);
            }
            else
            {
                await SingleCallAsync(sessionId).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> DelayAsync(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string UserOf(string sessionId) => "user-" + (sessionId.StartsWith("sess-", StringComparison.Ordinal) ? sessionId[5..] : sessionId);

    private async Task SingleCallAsync(string sessionId)
    {
        var function = Functions[model.NextInt(Functions.Length)];
        var options = Options(model.NextModel());
        ChatMessage[] messages = [new(ChatRole.System, SystemPrompt), new(ChatRole.User, model.NextCustomerMessage())];
        using var operation = tracer.BeginOperation(function, sessionId, UserOf(sessionId), tags: ["demo", function]);
        TraceIds.Add(operation.TraceId);
        try
        {
            if (function == "draft_reply")
            {
                // Drafts are streamed to the agent's screen as they are written.
                await foreach (var update in client.GetStreamingResponseAsync(messages, options).ConfigureAwait(false))
                {
                    _ = update.Text;
                }
            }
            else
            {
                await client.GetResponseAsync(messages, options).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or InvalidOperationException)
        {
            Failed++;
        }
    }

    private async Task AgentRunAsync(string sessionId)
    {
        var options = Options(model.NextModel());
        options.Tools = _tools;
        List<ChatMessage> history = [new(ChatRole.System, SystemPrompt), new(ChatRole.User, model.NextCustomerMessage())];
        using var operation = tracer.BeginOperation("refund_agent", sessionId, UserOf(sessionId), tags: ["demo", "refund_agent"]);
        TraceIds.Add(operation.TraceId);
        try
        {
            var response = await client.GetResponseAsync(history, options).ConfigureAwait(false);
            history.AddMessages(response);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or InvalidOperationException)
        {
            Failed++; // an agent gives up when a call fails, as a real one would
        }
    }

    private static ChatOptions Options(string modelId) => new()
    {
        ModelId = modelId,
        Temperature = 0.2f,
        TopP = 1.0f,
        MaxOutputTokens = 512,
        AdditionalProperties = new() { ["app_version"] = "1.4.2" },
    };
}
