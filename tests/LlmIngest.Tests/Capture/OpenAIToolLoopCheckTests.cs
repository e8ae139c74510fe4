using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmIngest.Capture;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace LlmIngest.Tests.Capture;

/// <summary>
/// The independent check of the issue: the official OpenAI SDK through <c>AsIChatClient()</c>,
/// <c>UseFunctionInvocation()</c> and <c>UseLlmTraceIngest()</c> against a local OpenAI-compatible endpoint that gives
/// every answer usage of its own. 100 tool round trips (200 model calls), with the worker running and with a backlog
/// (the worker starts only after the last call): every recorded call carries exactly what the endpoint sent for it.
/// </summary>
public sealed class OpenAIToolLoopCheckTests : IClassFixture<FakeOpenAIServer>, IDisposable
{
    private const int RoundTrips = 100;

    private readonly FakeOpenAIServer _server;
    private readonly TempFolder _folder = new();

    public OpenAIToolLoopCheckTests(FakeOpenAIServer server)
    {
        _server = server;
        _server.VaryUsage = true;
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HundredToolRoundTrips_RecordEachModelCallAsTheEndpointSentIt_AndTheSummaryEqualsTheEndpointsUsage(bool backlog)
    {
        await using var host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Local.Directory = _folder.Combine("payloads");
        });
        if (!backlog)
        {
            await host.StartAsync();
        }

        var transport = new HttpClientPipelineTransport(new HttpClient(new LlmTraceRequestIdHandler(new HttpClientHandler())));
        var openAI = new OpenAIClient(
            new ApiKeyCredential("sk-test"),
            new OpenAIClientOptions { Endpoint = _server.Endpoint, RetryPolicy = new ClientRetryPolicy(maxRetries: 0), Transport = transport });
        var client = new ChatClientBuilder(openAI.GetChatClient(FakeOpenAIServer.Model).AsIChatClient())
            .UseFunctionInvocation()
            .UseLlmTraceIngest()
            .Build(host.Services);
        var weather = AIFunctionFactory.Create((string city) => "sunny, 21C", "get_weather", "Gets the current weather for a city.");
        var options = new ChatOptions { Tools = [weather], Temperature = 0.3f, TopP = 0.8f };

        var sentBefore = _server.Sent.Keys.ToHashSet();
        for (var i = 0; i < RoundTrips; i++)
        {
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "What's the weather in Paris?")], options);
            Assert.Equal("It is sunny in Paris.", response.Text);
        }

        if (backlog)
        {
            await host.StartAsync();
        }

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var summary = host.Services.GetRequiredService<ILlmTracer>().GetSummary();
        await host.StopAsync();

        var sent = _server.Sent.Values.Where(s => !sentBefore.Contains(s.ResponseId)).ToDictionary(s => s.ResponseId, StringComparer.Ordinal);
        Assert.Equal(2 * RoundTrips, sent.Count);
        var lines = RecordedLines.Read(_folder.Combine("logs"));
        Assert.Equal(2 * RoundTrips, lines.Count);

        var mismatches = new List<string>();
        foreach (var line in lines)
        {
            var id = line.GetProperty("response_id").GetString()!;
            if (!sent.TryGetValue(id, out var expected))
            {
                mismatches.Add($"{id}: not sent by the endpoint");
                continue;
            }

            var stored = await host.Store.ReadAsync("default", line.GetProperty("trace_id").GetString()!, line.GetProperty("span_id").GetString()!, CancellationToken.None);
            var trace = stored!.Trace;
            var recorded = (
                line.GetProperty("prompt_tokens").GetInt32(),
                line.GetProperty("completion_tokens").GetInt32(),
                line.GetProperty("cached_tokens").GetInt32(),
                trace.ReasoningTokens ?? 0,
                line.GetProperty("request_id").GetString(),
                line.GetProperty("finish_reason").GetString(),
                Describe(trace.ResponseMessages!));
            var endpoint = (expected.Prompt, expected.Completion, expected.Cached, expected.Reasoning, expected.RequestId, expected.FinishReason, Describe(expected.Message));
            if (recorded != endpoint)
            {
                mismatches.Add($"{id}: recorded {recorded}, endpoint sent {endpoint}");
            }

            if ((trace.Temperature, trace.TopP) != (0.3, 0.8))
            {
                mismatches.Add($"{id}: temperature {trace.Temperature}, top_p {trace.TopP}");
            }

            if (expected.FinishReason == "stop" && trace.Messages![^1].Content != "\"sunny, 21C\"")
            {
                mismatches.Add($"{id}: tool result stored as {trace.Messages![^1].Content}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {lines.Count} recorded calls differ from what the endpoint sent:\n{string.Join('\n', mismatches.Take(10))}");
        Assert.Equal(2 * RoundTrips, summary.Calls);
        Assert.Equal(sent.Values.Sum(s => (long)s.Prompt), summary.PromptTokens);
        Assert.Equal(sent.Values.Sum(s => (long)s.Completion), summary.CompletionTokens);
        Assert.Equal(sent.Values.Sum(s => (long)s.Cached), summary.CachedTokens);
        Assert.Equal(sent.Values.Sum(s => (long)s.Reasoning), summary.ReasoningTokens);
        var price = host.Services.GetRequiredService<PricingTable>().Find(FakeOpenAIServer.Model)!;
        Assert.Equal(sent.Values.Sum(s => PricingTable.Cost(price, s.Prompt, s.Cached, s.Completion, s.Reasoning)), summary.CostUsd);
    }

    /// <summary>The tool message the endpoint received is the one stored, byte for byte.</summary>
    [Fact]
    public async Task ToolResult_IsStoredAsTheEndpointReceivedIt()
    {
        await using var host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Local.Directory = _folder.Combine("payloads");
        });
        await host.StartAsync();
        var openAI = new OpenAIClient(new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = _server.Endpoint });
        var client = new ChatClientBuilder(openAI.GetChatClient(FakeOpenAIServer.Model).AsIChatClient()).UseFunctionInvocation().UseLlmTraceIngest().Build(host.Services);
        var weather = AIFunctionFactory.Create((string city) => "sunny, 21C", "get_weather");

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "What's the weather in Paris?")], new ChatOptions { Tools = [weather] });
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var received = _server.Requests.Last()["messages"]!.AsArray().Last()!;
        Assert.Equal("tool", (string?)received["role"]);
        var lines = RecordedLines.Read(_folder.Combine("logs"));
        var last = lines.Single(l => l.GetProperty("finish_reason").GetString() == "stop");
        var stored = await host.Store.ReadAsync("default", last.GetProperty("trace_id").GetString()!, last.GetProperty("span_id").GetString()!, CancellationToken.None);
        Assert.Equal((string?)received["content"], stored!.Trace.Messages![^1].Content);
        Assert.Equal("\"sunny, 21C\"", stored.Trace.Messages![^1].Content);
    }

    private static string Describe(IList<LlmMessage> messages) =>
        string.Join(" | ", messages.Select(m => $"{m.Role}:{m.Content}:{string.Join(',', (m.ToolCalls ?? []).Select(c => c.Id + "/" + c.Name + "/" + c.Arguments))}"));

    private static string Describe(string messageJson)
    {
        var message = JsonNode.Parse(messageJson)!;
        var calls = message["tool_calls"] is JsonArray array
            ? string.Join(',', array.Select(c => $"{(string?)c!["id"]}/{(string?)c["function"]!["name"]}/{(string?)c["function"]!["arguments"]}"))
            : string.Empty;
        return $"{(string?)message["role"]}:{(string?)message["content"]}:{calls}";
    }
}
