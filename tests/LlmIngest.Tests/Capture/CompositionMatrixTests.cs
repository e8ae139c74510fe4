using System.Diagnostics;
using System.Text.Json;
using LlmIngest.Capture;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace LlmIngest.Tests.Capture;

/// <summary>
/// <c>UseLlmTraceIngest()</c> in the pipelines apps build: with <c>UseFunctionInvocation()</c> outside it, every model
/// call of a tool loop is recorded with exactly the usage, messages, finish reason and cost that call returned, whatever
/// else is in the pipeline, streaming or not. Calls are recorded while the worker is not yet running (a backlog), so the
/// worker converts them only after <c>FunctionInvokingChatClient</c> has finished mutating the objects it was handed.
/// </summary>
public sealed class CompositionMatrixTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public enum ToolLoop
    {
        OneToolCall,
        ParallelToolCalls,
        ThrowingTool,
        MaximumIterationsReached,
    }

    public static TheoryData<string, bool> Pipelines()
    {
        var data = new TheoryData<string, bool>();
        foreach (var pipeline in PipelineNames)
        {
            data.Add(pipeline, false);
            data.Add(pipeline, true);
        }

        return data;
    }

    public static TheoryData<ToolLoop, bool, bool> Loops()
    {
        var data = new TheoryData<ToolLoop, bool, bool>();
        foreach (var loop in Enum.GetValues<ToolLoop>())
        {
            foreach (var streaming in new[] { false, true })
            {
                data.Add(loop, streaming, true);
                data.Add(loop, streaming, false);
            }
        }

        return data;
    }

    private static readonly string[] PipelineNames =
    [
        "FunctionInvocation > LlmTrace",
        "FunctionInvocation > OpenTelemetry > LlmTrace",
        "FunctionInvocation > LlmTrace > OpenTelemetry",
        "OpenTelemetry > FunctionInvocation > LlmTrace",
        "Logging > FunctionInvocation > LlmTrace",
        "FunctionInvocation > Logging > LlmTrace",
        "ConfigureOptions > FunctionInvocation > LlmTrace",
        "FunctionInvocation > DistributedCache > LlmTrace",
    ];

    [Theory]
    [MemberData(nameof(Pipelines))]
    public async Task ToolRoundTrip_RecordsEachModelCallWithItsOwnUsageMessagesStepsAndCost(string pipeline, bool streaming)
    {
        var inner = new ToolLoopChatClient();
        var outcome = await RunAsync(inner, pipeline, streaming, ToolLoop.OneToolCall, backlog: true);

        AssertEachCallRecordedAsReturned(inner, outcome);
        Assert.Equal(2, inner.Returned.Count);
        if (pipeline.StartsWith("ConfigureOptions", StringComparison.Ordinal))
        {
            Assert.All(outcome.Payloads.Values, p => Assert.Equal(0.3, p.Temperature));
        }
    }

    [Theory]
    [MemberData(nameof(Loops))]
    public async Task ToolLoops_RecordEachModelCallWithItsOwnUsageMessagesStepsAndCost(ToolLoop loop, bool streaming, bool backlog)
    {
        var inner = new ToolLoopChatClient
        {
            ParallelCalls = loop == ToolLoop.ParallelToolCalls ? 3 : 1,
            AlwaysCallTools = loop == ToolLoop.MaximumIterationsReached,
        };

        var outcome = await RunAsync(inner, "FunctionInvocation > OpenTelemetry > LlmTrace", streaming, loop, backlog);

        AssertEachCallRecordedAsReturned(inner, outcome);
        var expectedCalls = loop == ToolLoop.MaximumIterationsReached ? 3 : 2;
        Assert.Equal(expectedCalls, inner.Returned.Count);
        if (loop == ToolLoop.ParallelToolCalls)
        {
            var requested = outcome.Payloads["resp-0"].ResponseMessages!.Single().ToolCalls!;
            Assert.Equal(["call_0_0", "call_0_1", "call_0_2"], requested.Select(c => c.Id));
            var answered = outcome.Payloads["resp-1"].Messages!.Where(m => m.Role == "tool").Select(m => m.ToolCallId);
            Assert.Equal(["call_0_0", "call_0_1", "call_0_2"], answered);
        }

        if (loop == ToolLoop.ThrowingTool)
        {
            var toolMessage = outcome.Payloads["resp-1"].Messages!.Single(m => m.Role == "tool");
            Assert.Contains("Error", toolMessage.Content, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LlmTraceOutsideFunctionInvocation_RecordsTheWholeRoundTripAsOneCall(bool streaming)
    {
        var inner = new ToolLoopChatClient();
        var outcome = await RunAsync(inner, "LlmTrace > FunctionInvocation", streaming, ToolLoop.OneToolCall, backlog: true);

        var line = Assert.Single(outcome.Calls);
        Assert.Equal(inner.Returned.Sum(r => r.Input), line.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(inner.Returned.Sum(r => r.Output), line.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(inner.Returned.Sum(r => r.Cached), line.GetProperty("cached_tokens").GetInt64());
        var trace = Assert.Single(outcome.Payloads.Values);

        // The round trip's messages: the tool call, the tool's result, the answer.
        Assert.Equal(["assistant", "tool", "assistant"], trace.ResponseMessages!.Select(m => m.Role));
        Assert.Equal(outcome.Summary.PromptTokens, inner.Returned.Sum(r => r.Input));
    }

    [Fact]
    public async Task ToolResult_IsStoredAsTheFunctionInvokerSentIt_JsonEncoded()
    {
        var inner = new ToolLoopChatClient();
        var outcome = await RunAsync(inner, "FunctionInvocation > LlmTrace", streaming: false, ToolLoop.OneToolCall, backlog: false);

        var toolMessage = outcome.Payloads["resp-1"].Messages!.Single(m => m.Role == "tool");
        Assert.Equal("\"sunny, 21C\"", toolMessage.Content);
    }

    [Fact]
    public async Task SamplingParameters_AreStoredAsTheDecimalsThatWereSet()
    {
        var inner = new ToolLoopChatClient();
        var outcome = await RunAsync(inner, "FunctionInvocation > LlmTrace", streaming: false, ToolLoop.OneToolCall, backlog: false, temperature: 0.3f, topP: 0.8f);

        var line = outcome.Calls[0];
        var trace = outcome.Payloads["resp-0"];
        Assert.Equal((0.3, 0.8), (trace.Temperature, trace.TopP));
        Assert.Contains("\"temperature\":0.3,", outcome.PayloadJson["resp-0"], StringComparison.Ordinal);
        Assert.Contains("\"top_p\":0.8,", outcome.PayloadJson["resp-0"], StringComparison.Ordinal);
        Assert.Equal("chat", line.GetProperty("operation").GetString());
    }

    private static void AssertEachCallRecordedAsReturned(ToolLoopChatClient inner, Outcome outcome)
    {
        Assert.Equal(inner.Returned.Count, outcome.Calls.Count);
        decimal expectedCost = 0;
        foreach (var returned in inner.Returned)
        {
            var line = Assert.Single(outcome.Calls, l => l.GetProperty("response_id").GetString() == returned.ResponseId);
            var recorded = (
                line.GetProperty("prompt_tokens").GetInt64(),
                line.GetProperty("completion_tokens").GetInt64(),
                line.GetProperty("total_tokens").GetInt64(),
                line.GetProperty("cached_tokens").GetInt64(),
                line.GetProperty("reasoning_tokens").GetInt64());
            Assert.Equal((returned.Input, returned.Output, returned.Total, returned.Cached, returned.Reasoning), recorded);
            Assert.Equal(returned.FinishReason, line.GetProperty("finish_reason").GetString());
            Assert.Equal(returned.Messages, outcome.Payloads[returned.ResponseId].ResponseMessages!.Select(ToolLoopChatClient.Describe));

            var cost = PricingTable.Cost(outcome.Price, (int)returned.Input, (int)returned.Cached, (int)returned.Output, (int)returned.Reasoning);
            Assert.Equal(cost, line.GetProperty("cost_usd").GetDecimal());
            expectedCost += cost;
        }

        // Steps follow the order the model was called in, one per call, none repeated.
        var bySteps = outcome.Calls.OrderBy(l => l.GetProperty("step").GetInt32()).ToList();
        Assert.Equal(inner.Returned.Select(r => r.ResponseId), bySteps.Select(l => l.GetProperty("response_id").GetString()));
        Assert.Equal(outcome.Calls.Count, outcome.Calls.Select(l => l.GetProperty("step").GetInt32()).Distinct().Count());

        Assert.Equal(inner.Returned.Sum(r => r.Input), outcome.Summary.PromptTokens);
        Assert.Equal(inner.Returned.Sum(r => r.Output), outcome.Summary.CompletionTokens);
        Assert.Equal(inner.Returned.Sum(r => r.Cached), outcome.Summary.CachedTokens);
        Assert.Equal(inner.Returned.Sum(r => r.Reasoning), outcome.Summary.ReasoningTokens);
        Assert.Equal(expectedCost, outcome.Summary.CostUsd);

        // The operation's own line sums the same calls.
        var operation = Assert.Single(outcome.Operations);
        Assert.Equal(inner.Returned.Count, operation.GetProperty("calls").GetInt32());
        Assert.Equal(inner.Returned.Sum(r => r.Input), operation.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(expectedCost, operation.GetProperty("cost_usd").GetDecimal());
        Assert.All(outcome.Calls, l => Assert.Equal(operation.GetProperty("span_id").GetString(), l.GetProperty("parent_span_id").GetString()));
    }

    private async Task<Outcome> RunAsync(ToolLoopChatClient inner, string pipeline, bool streaming, ToolLoop loop, bool backlog, float? temperature = null, float? topP = null)
    {
        using var listener = new ActivityListener
        {
            // MEAI's own source only (UseOpenTelemetry and the function invoker's spans), not other tests' sources.
            ShouldListenTo = s => s.Name.Contains("Microsoft.Extensions.AI", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        await using var host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Local.Directory = _folder.Combine("payloads");
        });
        if (!backlog)
        {
            await host.StartAsync();
        }

        var client = Build(inner, pipeline, host.Services);
        var weather = loop == ToolLoop.ThrowingTool
            ? AIFunctionFactory.Create(string (string city) => throw new InvalidOperationException("weather service down"), "get_weather")
            : AIFunctionFactory.Create((string city) => "sunny, 21C", "get_weather");
        var options = new ChatOptions { Tools = [weather], Temperature = temperature, TopP = topP };
        List<ChatMessage> history = [new(ChatRole.User, "What's the weather in Paris?")];
        var tracer = host.Services.GetRequiredService<ILlmTracer>();
        using (tracer.BeginOperation("matrix"))
        {
            var response = streaming
                ? await client.GetStreamingResponseAsync(history, options).ToChatResponseAsync()
                : await client.GetResponseAsync(history, options);
            Assert.NotEmpty(response.Messages);
        }

        if (backlog)
        {
            await host.StartAsync();
        }

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var summary = tracer.GetSummary();
        await host.StopAsync();

        var lines = RecordedLines.Read(_folder.Combine("logs"));
        var calls = lines.Where(l => l.GetProperty("operation").GetString() == "chat").ToList();
        var payloads = new Dictionary<string, LlmTrace>(StringComparer.Ordinal);
        var json = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in calls)
        {
            var stored = await host.Store.ReadAsync("default", line.GetProperty("trace_id").GetString()!, line.GetProperty("span_id").GetString()!, CancellationToken.None);
            payloads[line.GetProperty("response_id").GetString()!] = stored!.Trace;
            json[line.GetProperty("response_id").GetString()!] = System.Text.Encoding.UTF8.GetString(stored.Content.Span);
        }

        var price = host.Services.GetRequiredService<PricingTable>().Find(ToolLoopChatClient.Model)!;
        return new Outcome(calls, lines.Where(l => l.GetProperty("operation").GetString() == "agent").ToList(), payloads, json, summary, price);
    }

    private static IChatClient Build(IChatClient inner, string pipeline, IServiceProvider services)
    {
        var builder = new ChatClientBuilder(inner);
        foreach (var stage in pipeline.Split(" > "))
        {
            builder = stage switch
            {
                "FunctionInvocation" => builder.UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 2),
                "LlmTrace" => builder.UseLlmTraceIngest(),
                "OpenTelemetry" => builder.UseOpenTelemetry(),
                "Logging" => builder.UseLogging(),
                "ConfigureOptions" => builder.ConfigureOptions(o => o.Temperature = 0.3f),
                "DistributedCache" => builder.UseDistributedCache(new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()))),
                _ => throw new ArgumentException(stage),
            };
        }

        return builder.Build(services);
    }

    private sealed record Outcome(
        List<JsonElement> Calls,
        List<JsonElement> Operations,
        Dictionary<string, LlmTrace> Payloads,
        Dictionary<string, string> PayloadJson,
        LlmSessionSummary Summary,
        ModelPrice Price);
}
