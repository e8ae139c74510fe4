using System.Diagnostics;
using System.Text.Json;
using LlmIngest.Capture;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LlmIngest.Tests.Capture;

/// <summary>
/// Operations are first-class: in one trace made of an Activity, a child Activity and operations under it, steps are
/// unique and follow call order, every call's parent is a span of the chain, and each operation ends with a line of
/// its own that <c>llmtrace find</c> shows and <c>llmtrace stats</c> does not count as a call.
/// </summary>
public sealed class OperationTraceTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ScriptedChatClient _inner = new() { Answer = "done" };
    private IngestTestHost _host = null!;
    private IChatClient _traced = null!;
    private ILlmTracer _tracer = null!;

    public async Task InitializeAsync()
    {
        _host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Local.Directory = _folder.Combine("payloads");
        });
        await _host.StartAsync();
        _traced = new ChatClientBuilder(_inner).UseLlmTraceIngest().Build(_host.Services);
        _tracer = _host.Services.GetRequiredService<ILlmTracer>();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ActivityChildActivityAndOperations_GiveDistinctIncreasingSteps_ACompleteParentChain_AndTheOperationsOwnLines()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "test.operations",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("test.operations");

        string traceId, root, child, agent, lookup;
        using (var rootActivity = source.StartActivity("request")!)
        {
            traceId = rootActivity.TraceId.ToHexString();
            root = rootActivity.SpanId.ToHexString();
            await CallAsync("under the root activity");
            using (var childActivity = source.StartActivity("handler")!)
            {
                child = childActivity.SpanId.ToHexString();
                await CallAsync("under the child activity");
                using (var operation = _tracer.BeginOperation("refund_agent", sessionId: "sess-1"))
                {
                    agent = operation.SpanId;
                    Assert.Equal(child, operation.ParentSpanId);
                    await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() => CallAsync("parallel " + i))));
                    using (var nested = _tracer.BeginOperation("lookup"))
                    {
                        lookup = nested.SpanId;
                        await CallAsync("in the nested operation");
                    }
                }
            }

            await CallAsync("back under the root");
        }

        var lines = await FlushAndReadAsync();
        Assert.All(lines, l => Assert.Equal(traceId, l.GetProperty("trace_id").GetString()));

        // Distinct steps, and in the order the lines were recorded (calls, then each operation as it ends).
        var steps = lines.Select(l => l.GetProperty("step").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(0, 9), steps.Order());
        Assert.Equal(steps.Order(), steps.Where((_, i) => i < 2).Concat(steps.Skip(2).Take(3).Order()).Concat(steps.Skip(5)));

        var calls = lines.Where(l => l.GetProperty("operation").GetString() == "chat").ToList();
        var operations = lines.Where(l => l.GetProperty("operation").GetString() == "agent").ToList();
        Assert.Equal(7, calls.Count);
        Assert.Equal(["lookup", "refund_agent"], operations.Select(o => o.GetProperty("function_name").GetString()));

        // The parent chain: calls → their operation or activity; lookup → refund_agent → child activity → root activity.
        Assert.Equal(
            [root, child, agent, agent, agent, lookup, root],
            calls.Select(c => c.GetProperty("parent_span_id").GetString()));
        var lookupLine = operations[0];
        var agentLine = operations[1];
        Assert.Equal((lookup, agent), (lookupLine.GetProperty("span_id").GetString(), lookupLine.GetProperty("parent_span_id").GetString()));
        Assert.Equal((agent, child), (agentLine.GetProperty("span_id").GetString(), agentLine.GetProperty("parent_span_id").GetString()));

        // The run-level view: the agent's four calls (three parallel, one nested), their tokens and cost; no payload.
        Assert.Equal(4, agentLine.GetProperty("calls").GetInt32());
        Assert.Equal(0, agentLine.GetProperty("errors").GetInt32());
        Assert.Equal(4 * 10, agentLine.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(4 * ((10 * 0.15m) + (2 * 0.60m)) / 1_000_000m, agentLine.GetProperty("cost_usd").GetDecimal());
        Assert.Equal("sess-1", agentLine.GetProperty("session_id").GetString());
        Assert.True(agentLine.GetProperty("latency_ms").GetDouble() >= lookupLine.GetProperty("latency_ms").GetDouble());
        Assert.False(agentLine.GetProperty("payload_stored").GetBoolean());
        Assert.Equal(1, lookupLine.GetProperty("calls").GetInt32());

        // The summary counts model calls only.
        Assert.Equal(7, _tracer.GetSummary().Calls);

        await _host.StopAsync();
        var stats = await LlmTraceCli.RunAsync("stats", "--log", _folder.Combine("logs"));
        Assert.Equal(0, stats.ExitCode);
        Assert.StartsWith("7 calls in", stats.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 operation(s)", stats.Stdout, StringComparison.Ordinal);
        var find = await LlmTraceCli.RunAsync("find", "--log", _folder.Combine("logs"), "--operations");
        Assert.Equal(0, find.ExitCode);
        Assert.Contains("agent 4 calls", find.Stdout, StringComparison.Ordinal);
        Assert.Contains("refund_agent", find.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 matching call(s) in 9 line(s)", find.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperationWithAFailedCall_CountsTheErrorOnItsLine()
    {
        using (_tracer.BeginOperation("flaky_agent"))
        {
            await CallAsync("fine");
            _inner.Failure = new TimeoutException("the model timed out\nafter 30 s");
            await Assert.ThrowsAsync<TimeoutException>(() => CallAsync("slow"));
        }

        var lines = await FlushAndReadAsync();
        var operation = Assert.Single(lines, l => l.GetProperty("operation").GetString() == "agent");
        Assert.Equal((2, 1), (operation.GetProperty("calls").GetInt32(), operation.GetProperty("errors").GetInt32()));
        Assert.Equal([0, 1, 2], lines.Select(l => l.GetProperty("step").GetInt32()));
    }

    private Task<ChatResponse> CallAsync(string text) => _traced.GetResponseAsync([new ChatMessage(ChatRole.User, text)]);

    private async Task<List<JsonElement>> FlushAndReadAsync()
    {
        await _host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var lines = new List<JsonElement>();
        foreach (var file in Directory.GetFiles(_folder.Combine("logs"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Add(JsonDocument.Parse(line).RootElement);
            }
        }

        return lines;
    }
}
