using System.Diagnostics;
using LlmIngest.Capture;
using LlmIngest.Storage;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LlmIngest.Tests.Capture;

public sealed class LlmTraceChatClientTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ScriptedChatClient _inner = new() { Answer = "the quick brown fox" };
    private IngestTestHost _host = null!;
    private IChatClient _traced = null!;

    public async Task InitializeAsync()
    {
        _host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Local.Directory = _folder.Combine("payloads");
        });
        await _host.StartAsync();
        _traced = new ChatClientBuilder(_inner).UseLlmTraceIngest().Build(_host.Services);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ThreeConcurrentAgentRunsOfFiveCalls_GiveThreeTraceIdsWithSteps0To4_ParentedOnTheirRun_AndReadBackInStepOrder()
    {
        var tracer = _host.Services.GetRequiredService<ILlmTracer>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<(string TraceId, string SpanId)> AgentRunAsync(int run)
        {
            using var operation = tracer.BeginOperation("refund_agent", sessionId: $"sess-{run}", userId: $"user-{run}", tags: ["agent"]);
            await gate.Task; // all three runs are open before any call is made
            for (var call = 0; call < 5; call++)
            {
                await Task.Yield();
                await _traced.GetResponseAsync([new ChatMessage(ChatRole.User, $"run {run} call {call}")]);
            }

            return (operation.TraceId, operation.SpanId);
        }

        var runs = Enumerable.Range(0, 3).Select(r => Task.Run(() => AgentRunAsync(r))).ToArray();
        gate.SetResult();
        var operations = await Task.WhenAll(runs);
        await _host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, operations.Select(o => o.TraceId).Distinct().Count());
        var store = _host.Services.GetRequiredService<IPayloadStore>();
        var spans = new HashSet<string>();
        for (var run = 0; run < 3; run++)
        {
            var (traceId, runSpan) = operations[run];
            var payloads = await store.ReadTraceAsync("default", traceId, CancellationToken.None);
            Assert.Equal([0, 1, 2, 3, 4], payloads.Select(p => p.Trace.Step));
            Assert.All(payloads, p =>
            {
                Assert.Equal(traceId, p.Trace.TraceId);
                Assert.Equal(runSpan, p.Trace.ParentSpanId);
                Assert.Equal($"sess-{run}", p.Trace.SessionId);
                Assert.Equal($"user-{run}", p.Trace.UserId);
                Assert.Equal("refund_agent", p.Trace.FunctionName);
                Assert.Equal(["agent"], p.Trace.Tags!);
                Assert.True(spans.Add(p.Trace.SpanId!));
            });
            Assert.Equal(Enumerable.Range(0, 5).Select(c => $"run {run} call {c}"), payloads.Select(p => p.Trace.Messages![0].Content));
        }

        Assert.Equal(15, spans.Count);
    }

    [Fact]
    public async Task ParallelCallsInOneOperation_GetDistinctStepsOfOneTrace()
    {
        var tracer = _host.Services.GetRequiredService<ILlmTracer>();
        using var operation = tracer.BeginOperation("fan_out");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => _traced.GetResponseAsync([new ChatMessage(ChatRole.User, "part " + i)]))));
        await _host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var payloads = await _host.Store.ReadTraceAsync("default", operation.TraceId, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 8), payloads.Select(p => p.Trace.Step));
        Assert.Equal(8, operation.Steps);
    }

    [Fact]
    public async Task UnderAnActivity_CallsFollowItsTraceIdWithItsSpanAsParent()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "test.agent",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("test.agent");
        using var activity = source.StartActivity("run")!;

        await _traced.GetResponseAsync([new ChatMessage(ChatRole.User, "one")]);
        await _traced.GetResponseAsync([new ChatMessage(ChatRole.User, "two")]);
        await _host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var payloads = await _host.Store.ReadTraceAsync("default", activity.TraceId.ToHexString(), CancellationToken.None);
        Assert.Equal([0, 1], payloads.Select(p => p.Trace.Step));
        Assert.All(payloads, p => Assert.Equal(activity.SpanId.ToHexString(), p.Trace.ParentSpanId));
    }

    [Fact]
    public async Task GetResponse_WhenTheInnerClientThrows_RethrowsTheSameExceptionAndRecordsIt()
    {
        var failure = new HttpRequestException("Too Many Requests", null, System.Net.HttpStatusCode.TooManyRequests);
        _inner.Failure = failure;

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => _traced.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Same(failure, thrown);
        var line = await SingleLineAsync();
        Assert.Equal("rate_limit", line.GetProperty("error_type").GetString());
        Assert.Equal("Too Many Requests", line.GetProperty("error").GetString());
        Assert.True(line.GetProperty("error_suggestions").GetArrayLength() > 0);
    }

    [Fact]
    public async Task GetStreamingResponse_WhenTheCallerStopsReading_RecordsTheCallAsAbandonedWithWhatItGot()
    {
        await foreach (var update in _traced.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "tell me")]))
        {
            Assert.Equal("the ", update.Text);
            break;
        }

        var line = await SingleLineAsync();
        Assert.Equal("abandoned", line.GetProperty("finish_reason").GetString());
        Assert.Equal("cancelled", line.GetProperty("error_type").GetString());
        Assert.Equal("the", line.GetProperty("output_preview").GetString()!.Trim());
        Assert.True(line.TryGetProperty("time_to_first_token_ms", out _));
    }

    [Fact]
    public async Task GetStreamingResponse_WhenCancelled_RethrowsAndRecordsTheCallAsCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in _traced.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "tell me")], cancellationToken: cancellation.Token))
            {
                received++;
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(1, received);
        var line = await SingleLineAsync();
        Assert.Equal("cancelled", line.GetProperty("finish_reason").GetString());
        Assert.Equal("cancelled", line.GetProperty("error_type").GetString());
    }

    [Fact]
    public async Task GetStreamingResponse_ThatCompletes_RecordsTheAssembledTextUsageAndCost()
    {
        var text = string.Empty;
        await foreach (var update in _traced.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "tell me")]))
        {
            text += update.Text;
        }

        Assert.Equal("the quick brown fox ", text);
        var line = await SingleLineAsync();
        Assert.Equal("the quick brown fox", line.GetProperty("output_preview").GetString()!.Trim());
        Assert.Equal("stop", line.GetProperty("finish_reason").GetString());
        Assert.Equal(12, line.GetProperty("total_tokens").GetInt32());
        Assert.Equal("scripted", line.GetProperty("provider").GetString());
        Assert.Equal(((10 * 0.15m) + (2 * 0.60m)) / 1_000_000m, line.GetProperty("cost_usd").GetDecimal());
    }

    private async Task<System.Text.Json.JsonElement> SingleLineAsync()
    {
        await _host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _host.StopAsync();
        return Assert.Single(RecordedLines.Read(_folder.Combine("logs")));
    }
}
