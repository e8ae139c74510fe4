using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using LlmIngest.Storage;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace LlmIngest.Tests.Capture;

/// <summary>
/// The official OpenAI .NET SDK through <c>AsIChatClient()</c> and <c>UseLlmTraceIngest()</c> against a local
/// OpenAI-compatible endpoint: what the caller gets is unchanged, and every field of the response lands in the JSONL
/// line and in the payload.
/// </summary>
public sealed class OpenAIClientEndToEndTests : IClassFixture<FakeOpenAIServer>, IAsyncLifetime, IDisposable
{
    private readonly FakeOpenAIServer _server;
    private readonly TempFolder _folder = new();
    private IngestTestHost _host = null!;
    private IChatClient _direct = null!;
    private IChatClient _traced = null!;

    public OpenAIClientEndToEndTests(FakeOpenAIServer server) => _server = server;

    public async Task InitializeAsync()
    {
        _host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Local.Directory = _folder.Combine("payloads");
        });
        await _host.StartAsync();

        // No SDK retries: one HTTP request per call, so a 429 reaches the caller (and the trace) as it happened.
        var openAI = new OpenAIClient(
            new ApiKeyCredential("sk-test"),
            new OpenAIClientOptions { Endpoint = _server.Endpoint, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) });
        _direct = openAI.GetChatClient(FakeOpenAIServer.Model).AsIChatClient();
        _traced = new ChatClientBuilder(openAI.GetChatClient(FakeOpenAIServer.Model).AsIChatClient())
            .UseLlmTraceIngest()
            .Build(_host.Services);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task GetResponse_RecordsIdModelFinishReasonUsageAndFingerprint_InTheJsonlLineAndThePayload()
    {
        ChatMessage[] messages = [new(ChatRole.System, "Answer in one sentence."), new(ChatRole.User, "What is the capital of France?")];
        var options = new ChatOptions { Temperature = 0.25f, MaxOutputTokens = 64, TopP = 0.5f };

        var expected = await _direct.GetResponseAsync(messages, options);
        var actual = await _traced.GetResponseAsync(messages, options);

        Assert.Equal(Json(expected), Json(actual));
        var (line, payload) = await SingleRecordedAsync();
        Assert.Equal("openai", line.GetProperty("provider").GetString());
        Assert.Equal(FakeOpenAIServer.Model, line.GetProperty("model").GetString());
        Assert.Equal(FakeOpenAIServer.ResponseModel, line.GetProperty("response_model").GetString());
        Assert.Equal(actual.ResponseId, line.GetProperty("response_id").GetString());
        Assert.StartsWith("chatcmpl-test", actual.ResponseId, StringComparison.Ordinal);
        Assert.Equal("stop", line.GetProperty("finish_reason").GetString());
        Assert.Equal(FakeOpenAIServer.Fingerprint, line.GetProperty("system_fingerprint").GetString());
        Assert.Equal(25, line.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(7, line.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(32, line.GetProperty("total_tokens").GetInt32());
        Assert.Equal(10, line.GetProperty("cached_tokens").GetInt32());
        Assert.Equal(3, line.GetProperty("reasoning_tokens").GetInt32());

        // gpt-4o-mini: 15 uncached × 0.15 + 10 cached × 0.075 + 7 output (3 of them reasoning) × 0.60, per million.
        Assert.Equal(0.0000072m, line.GetProperty("cost_usd").GetDecimal());
        Assert.True(line.GetProperty("latency_ms").GetDouble() > 0);
        Assert.Equal("What is the capital of France?", line.GetProperty("input_preview").GetString());
        Assert.Equal(FakeOpenAIServer.Answer, line.GetProperty("output_preview").GetString());
        Assert.False(line.TryGetProperty("error", out _));

        var trace = payload.Trace;
        Assert.Equal(line.GetProperty("trace_id").GetString(), trace.TraceId);
        Assert.Equal(actual.ResponseId, trace.ResponseId);
        Assert.Equal(FakeOpenAIServer.ResponseModel, trace.ResponseModel);
        Assert.Equal(FakeOpenAIServer.Fingerprint, trace.SystemFingerprint);
        Assert.Equal("stop", trace.FinishReason);
        Assert.Equal((25, 7, 32, 10, 3), (trace.PromptTokens, trace.CompletionTokens, trace.TotalTokens, trace.CachedTokens, trace.ReasoningTokens));
        Assert.Equal(0.0000072m, trace.CostUsd);
        Assert.Equal(0.25, trace.Temperature!.Value, 5);
        Assert.Equal(0.5, trace.TopP!.Value, 5);
        Assert.Equal(64, trace.MaxTokens);
        Assert.Equal(["system", "user"], trace.Messages!.Select(m => m.Role));
        Assert.Equal("Answer in one sentence.", trace.Messages![0].Content);
        Assert.Equal(FakeOpenAIServer.Answer, trace.Response);
        Assert.Equal("assistant", Assert.Single(trace.ResponseMessages!).Role);
        Assert.Equal(FakeOpenAIServer.Answer, trace.ResponseMessages![0].Content);
    }

    [Fact]
    public async Task GetStreamingResponse_WithUsage_RecordsTimeToFirstTokenAndTheAssembledText()
    {
        ChatMessage[] messages = [new(ChatRole.User, "Say hello to the world.")];

        var expected = await ToListAsync(_direct.GetStreamingResponseAsync(messages));
        var actual = await ToListAsync(_traced.GetStreamingResponseAsync(messages));

        Assert.Equal(Json(expected), Json(actual));
        var streamed = _server.Requests.Last();
        Assert.True(streamed["stream"]!.GetValue<bool>());
        Assert.True(streamed["stream_options"]!["include_usage"]!.GetValue<bool>());

        var (line, payload) = await SingleRecordedAsync();
        Assert.Equal("Hello, world!", line.GetProperty("output_preview").GetString());
        Assert.Equal("chatcmpl-stream1", line.GetProperty("response_id").GetString());
        Assert.Equal(FakeOpenAIServer.ResponseModel, line.GetProperty("response_model").GetString());
        Assert.Equal(FakeOpenAIServer.StreamFingerprint, line.GetProperty("system_fingerprint").GetString());
        Assert.Equal("stop", line.GetProperty("finish_reason").GetString());
        Assert.Equal((12, 4, 16), (line.GetProperty("prompt_tokens").GetInt32(), line.GetProperty("completion_tokens").GetInt32(), line.GetProperty("total_tokens").GetInt32()));
        var ttft = line.GetProperty("time_to_first_token_ms").GetDouble();
        Assert.InRange(ttft, double.Epsilon, line.GetProperty("latency_ms").GetDouble());

        Assert.Equal("Hello, world!", payload.Trace.Response);
        Assert.Equal("Hello, world!", Assert.Single(payload.Trace.ResponseMessages!).Content);
        Assert.Equal(FakeOpenAIServer.StreamFingerprint, payload.Trace.SystemFingerprint);
        Assert.Equal(ttft, payload.Trace.TimeToFirstTokenMs);
    }

    [Fact]
    public async Task ToolCall_RecordsTheOfferedToolTheRequestedCallAndTheToolResultOfTheNextTurn()
    {
        var weather = AIFunctionFactory.Create((string city) => "sunny", "get_weather", "Gets the current weather for a city.");
        var options = new ChatOptions { Tools = [weather] };
        List<ChatMessage> history = [new(ChatRole.User, "What's the weather in Paris?")];

        var expected = await _direct.GetResponseAsync(history, options);
        var first = await _traced.GetResponseAsync(history, options);
        Assert.Equal(Json(expected), Json(first));
        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "sunny, 21 °C")]));
        var second = await _traced.GetResponseAsync(history, options);
        Assert.Equal("It is sunny in Paris.", second.Text);

        var recorded = await RecordedAsync(2);
        var (line, payload) = recorded[0];
        Assert.Equal("tool_calls", line.GetProperty("finish_reason").GetString());
        var tool = Assert.Single(payload.Trace.Tools!);
        Assert.Equal("get_weather", tool.Name);
        Assert.Equal("Gets the current weather for a city.", tool.Description);
        Assert.Contains("\"city\"", tool.ParametersSchema, StringComparison.Ordinal);
        var requested = Assert.Single(Assert.Single(payload.Trace.ResponseMessages!).ToolCalls!);
        Assert.Equal(("call_weather_1", "get_weather", """{"city":"Paris"}"""), (requested.Id, requested.Name, requested.Arguments));

        var next = recorded[1].Payload.Trace;
        Assert.Equal(["user", "assistant", "tool"], next.Messages!.Select(m => m.Role));
        Assert.Equal("get_weather", Assert.Single(next.Messages![1].ToolCalls!).Name);
        Assert.Equal(("call_weather_1", "sunny, 21 °C"), (next.Messages![2].ToolCallId, next.Messages![2].Content));
        Assert.Equal("stop", next.FinishReason);
    }

    [Fact]
    public async Task RateLimited_IsRethrownUnchanged_AndRecordedAsRateLimitWithSuggestions()
    {
        ChatMessage[] messages = [new(ChatRole.User, "please rate-limit me")];
        var before = _server.Requests.Count;

        var expected = await Assert.ThrowsAsync<ClientResultException>(() => _direct.GetResponseAsync(messages));
        var actual = await Assert.ThrowsAsync<ClientResultException>(() => _traced.GetResponseAsync(messages));

        Assert.Equal(2, _server.Requests.Count - before);
        Assert.Equal((expected.Status, expected.Message), (actual.Status, actual.Message));
        Assert.Equal(429, actual.Status);
        var (line, payload) = await SingleRecordedAsync();
        Assert.Equal("rate_limit", line.GetProperty("error_type").GetString());
        Assert.Equal("error", line.GetProperty("finish_reason").GetString());
        Assert.Contains(FakeOpenAIServer.RateLimitMessage, line.GetProperty("error").GetString(), StringComparison.Ordinal);
        var suggestions = line.GetProperty("error_suggestions").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(suggestions, s => s.Contains("backoff", StringComparison.Ordinal));
        Assert.Equal(suggestions, payload.Trace.ErrorSuggestions);
        Assert.Equal("429", payload.Trace.Attributes!["http_status"]);
        Assert.Equal(typeof(ClientResultException).FullName, payload.Trace.Attributes!["exception_type"]);
    }

    [Fact]
    public async Task ServerError_IsRethrownUnchanged_AndRecordedAsServerError()
    {
        ChatMessage[] messages = [new(ChatRole.User, "trigger a server-error")];

        var expected = await Assert.ThrowsAsync<ClientResultException>(() => _direct.GetResponseAsync(messages));
        var actual = await Assert.ThrowsAsync<ClientResultException>(() => _traced.GetResponseAsync(messages));

        Assert.Equal((500, expected.Message), (actual.Status, actual.Message));
        var (line, _) = await SingleRecordedAsync();
        Assert.Equal("server_error", line.GetProperty("error_type").GetString());
        Assert.NotEmpty(line.GetProperty("error_suggestions").EnumerateArray());
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions);

    private static async Task<List<ChatResponseUpdate>> ToListAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }

    private async Task<(JsonElement Line, StoredPayload Payload)> SingleRecordedAsync() => Assert.Single(await RecordedAsync(1));

    private async Task<List<(JsonElement Line, StoredPayload Payload)>> RecordedAsync(int expected)
    {
        await _host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _host.StopAsync(); // closes the log file
        var lines = Directory.GetFiles(_folder.Combine("logs"), "*.jsonl")
            .SelectMany(File.ReadAllLines)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();
        Assert.Equal(expected, lines.Count);
        var store = _host.Services.GetRequiredService<IPayloadStore>();
        var result = new List<(JsonElement, StoredPayload)>();
        foreach (var line in lines)
        {
            var payloads = await store.ReadTraceAsync("default", line.GetProperty("trace_id").GetString()!, CancellationToken.None);
            var payload = Assert.Single(payloads, p => p.Key == line.GetProperty("payload_key").GetString());
            Assert.Equal(line.GetProperty("payload_sha256").GetString(), payload.Sha256);
            result.Add((line, payload));
        }

        return result;
    }
}
