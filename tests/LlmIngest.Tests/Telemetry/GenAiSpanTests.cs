using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace LlmIngest.Tests.Telemetry;

/// <summary>
/// One <c>chat {model}</c> span per call with the GenAI convention's attribute names and values, whose trace and span
/// ids are the index line's and the payload key's, and whose <c>*_ref</c> URI points at the stored payload.
/// </summary>
[Collection(OpenTelemetryTests.Name)]
public sealed class GenAiSpanTests
{
    private static readonly string[] Models = ["gpt-4o-mini", "gpt-4.1", "claude-sonnet-4", "llama3.1:8b", "o3-mini"];
    private static readonly ChatFinishReason[] FinishReasons = [ChatFinishReason.Stop, ChatFinishReason.Length, ChatFinishReason.ToolCalls, ChatFinishReason.ContentFilter];

    [Fact]
    public async Task GeneratedCalls_EachGiveOneChatSpan_WithTheConventionsAttributes()
    {
        await using var otel = await TelemetryHarness.StartAsync();
        var random = new Random(1616);
        var inner = new CannedChatClient("openai");
        var client = otel.Client(inner, b => b.UseLlmTraceIngest());
        var cases = new List<(string Model, string ResponseModel, string Finish, int In, int Out, int Cached, int Reasoning, float Temperature, int MaxTokens)>();
        for (var i = 0; i < 25; i++)
        {
            var model = Models[random.Next(Models.Length)];
            var finish = FinishReasons[random.Next(FinishReasons.Length)];
            var c = (model, model + "-2026-0" + random.Next(1, 9), finish.Value, random.Next(1, 100_000), random.Next(1, 5_000), random.Next(0, 1_000), random.Next(0, 500), random.Next(0, 20) / 10f, random.Next(16, 4096));
            cases.Add(c);
            inner.Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer " + i))
            {
                ResponseId = "resp-" + i,
                ModelId = c.Item2,
                FinishReason = finish,
                Usage = new UsageDetails { InputTokenCount = c.Item4, OutputTokenCount = c.Item5, CachedInputTokenCount = c.Item6, ReasoningTokenCount = c.Item7 },
            };
            await client.GetResponseAsync("question " + i, new ChatOptions { ModelId = model, Temperature = c.Item8, TopP = 0.5f, MaxOutputTokens = c.Item9 });
        }

        await otel.FlushAsync();

        var spans = otel.OurChats.ToList();
        Assert.Equal(25, spans.Count);
        for (var i = 0; i < 25; i++)
        {
            var span = spans.Single(s => (string?)s.GetTagItem("gen_ai.response.id") == "resp-" + i);
            var c = cases[i];
            Assert.Equal("chat " + c.Model, span.DisplayName);
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
            Assert.Equal("openai", span.GetTagItem("gen_ai.provider.name"));
            Assert.Equal(c.Model, span.GetTagItem("gen_ai.request.model"));
            Assert.Equal(c.ResponseModel, span.GetTagItem("gen_ai.response.model"));
            Assert.Equal(new[] { c.Finish }, Assert.IsType<string[]>(span.GetTagItem("gen_ai.response.finish_reasons")));
            Assert.Equal(c.In, span.GetTagItem("gen_ai.usage.input_tokens"));
            Assert.Equal(c.Out, span.GetTagItem("gen_ai.usage.output_tokens"));
            Assert.Equal(c.Cached, span.GetTagItem("gen_ai.usage.cache_read.input_tokens"));
            Assert.Equal(c.Reasoning, span.GetTagItem("gen_ai.usage.reasoning.output_tokens"));
            Assert.Equal(Math.Round((double)c.Temperature, 1), span.GetTagItem("gen_ai.request.temperature"));
            Assert.Equal(0.5, span.GetTagItem("gen_ai.request.top_p"));
            Assert.Equal(c.MaxTokens, span.GetTagItem("gen_ai.request.max_tokens"));
            Assert.IsType<int>(span.GetTagItem("llmingest.step"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            Assert.Null(span.GetTagItem("error.type"));
        }
    }

    [Fact]
    public async Task SpanIds_AreTheIndexLinesAndThePayloadKeys_AndTheRefResolvesToThePayloadFile()
    {
        await using var otel = await TelemetryHarness.StartAsync();
        var client = otel.Client(new CannedChatClient(), b => b.UseLlmTraceIngest());

        await client.GetResponseAsync([new(ChatRole.System, "be brief"), new(ChatRole.User, "hello")]);
        await otel.FlushAsync();

        var span = Assert.Single(otel.OurChats);
        var line = Assert.Single(otel.Lines);
        var traceId = span.TraceId.ToHexString();
        var spanId = span.SpanId.ToHexString();
        Assert.Equal(traceId, line.GetProperty("trace_id").GetString());
        Assert.Equal(spanId, line.GetProperty("span_id").GetString());
        Assert.False(line.TryGetProperty("parent_span_id", out _));
        var key = line.GetProperty("payload_key").GetString()!;
        Assert.Contains(traceId, key, StringComparison.Ordinal);
        Assert.Contains(spanId, key, StringComparison.Ordinal);

        var reference = Assert.IsType<string>(span.GetTagItem("gen_ai.input.messages_ref"));
        Assert.Equal(reference, span.GetTagItem("gen_ai.output.messages_ref"));
        Assert.Equal(reference, span.GetTagItem("gen_ai.system_instructions_ref"));
        var uri = new Uri(reference);
        Assert.True(uri.IsFile, reference);
        var bytes = await File.ReadAllBytesAsync(uri.LocalPath);
        Assert.Equal(line.GetProperty("payload_sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var stored = JsonDocument.Parse(bytes).RootElement;
        Assert.Equal(traceId, stored.GetProperty("trace_id").GetString());
        Assert.Equal(spanId, stored.GetProperty("span_id").GetString());

        var storageEvent = Assert.Single(span.Events, e => e.Name == "gen_ai.content.storage.result");
        Assert.Equal("success", storageEvent.Tags.Single(t => t.Key == "gen_ai.content.storage.status").Value);
        Assert.Equal(reference, storageEvent.Tags.Single(t => t.Key == "gen_ai.input.messages_ref").Value);
        Assert.Equal(reference, storageEvent.Tags.Single(t => t.Key == "gen_ai.system_instructions_ref").Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OurSpan_IsCurrentDuringTheInnerCall_SoHttpSpansNestUnderIt(bool streaming)
    {
        await using var otel = await TelemetryHarness.StartAsync();
        var inner = new CannedChatClient
        {
            Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "a streamed answer")) { FinishReason = ChatFinishReason.Stop },
        };
        var client = otel.Client(inner, b => b.UseLlmTraceIngest());

        if (streaming)
        {
            await client.GetStreamingResponseAsync("hello").ToChatResponseAsync();
        }
        else
        {
            await client.GetResponseAsync("hello");
        }

        Assert.Null(Activity.Current);
        await otel.FlushAsync();

        var span = Assert.Single(otel.OurChats);
        Assert.Same(span, inner.SeenActivity);
        Assert.Equal(streaming, span.GetTagItem("gen_ai.response.time_to_first_chunk") is double);
    }

    [Fact]
    public async Task WithoutASystemMessage_ThereIsNoSystemInstructionsRef()
    {
        await using var otel = await TelemetryHarness.StartAsync();
        var client = otel.Client(new CannedChatClient(), b => b.UseLlmTraceIngest());

        await client.GetResponseAsync("hello");
        await otel.FlushAsync();

        var span = Assert.Single(otel.OurChats);
        Assert.NotNull(span.GetTagItem("gen_ai.input.messages_ref"));
        Assert.Null(span.GetTagItem("gen_ai.system_instructions_ref"));
    }

    [Fact]
    public async Task AFailedCall_HasErrorTypeAndErrorStatus_AndNoFinishReasons()
    {
        await using var otel = await TelemetryHarness.StartAsync();
        var inner = new CannedChatClient { Failure = new HttpRequestException("Too many requests", null, System.Net.HttpStatusCode.TooManyRequests) };
        var client = otel.Client(inner, b => b.UseLlmTraceIngest());

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("hello"));
        await otel.FlushAsync();

        var span = Assert.Single(otel.OurChats);
        Assert.Equal("rate_limit", span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Null(span.GetTagItem("gen_ai.response.finish_reasons"));
    }

    [Fact]
    public async Task RecordContent_PutsTheRedactedMessagesOnTheSpan_InTheConventionsShape_AndOffItPutsNone()
    {
        await using var otel = await TelemetryHarness.StartAsync(o => o.OpenTelemetry.RecordContent = true);
        var inner = new CannedChatClient { Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "mail jane.doe@example.com")) { FinishReason = ChatFinishReason.Stop } };
        var client = otel.Client(inner, b => b.UseLlmTraceIngest());

        await client.GetResponseAsync([new(ChatRole.System, "you are terse"), new(ChatRole.User, "my mail is john.smith@example.com")]);
        await otel.FlushAsync();

        var span = Assert.Single(otel.OurChats);
        var input = JsonDocument.Parse(Assert.IsType<string>(span.GetTagItem("gen_ai.input.messages"))).RootElement;
        var message = Assert.Single(input.EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        var part = Assert.Single(message.GetProperty("parts").EnumerateArray());
        Assert.Equal("text", part.GetProperty("type").GetString());
        var text = part.GetProperty("content").GetString()!;
        Assert.DoesNotContain("john.smith@example.com", text, StringComparison.Ordinal);
        Assert.StartsWith("my mail is ", text, StringComparison.Ordinal);

        var system = JsonDocument.Parse(Assert.IsType<string>(span.GetTagItem("gen_ai.system_instructions"))).RootElement;
        Assert.Equal("you are terse", Assert.Single(system.EnumerateArray()).GetProperty("content").GetString());

        var output = Assert.Single(JsonDocument.Parse(Assert.IsType<string>(span.GetTagItem("gen_ai.output.messages"))).RootElement.EnumerateArray());
        Assert.Equal("assistant", output.GetProperty("role").GetString());
        Assert.Equal("stop", output.GetProperty("finish_reason").GetString());
        Assert.DoesNotContain("jane.doe@example.com", output.GetProperty("parts")[0].GetProperty("content").GetString()!, StringComparison.Ordinal);

        await using var off = await TelemetryHarness.StartAsync();
        await off.Client(new CannedChatClient(), b => b.UseLlmTraceIngest()).GetResponseAsync("my mail is john.smith@example.com");
        await off.FlushAsync();
        var plain = Assert.Single(off.OurChats);
        Assert.Null(plain.GetTagItem("gen_ai.input.messages"));
        Assert.Null(plain.GetTagItem("gen_ai.output.messages"));
    }

    [Fact]
    public async Task AnOperation_IsAnInvokeAgentSpan_TheParentOfItsCalls_AndItsLineCarriesItsSpanId()
    {
        await using var otel = await TelemetryHarness.StartAsync();
        var client = otel.Client(new CannedChatClient(), b => b.UseLlmTraceIngest());

        using (otel.Tracer.BeginOperation("refund_agent", sessionId: "sess-9"))
        {
            await client.GetResponseAsync("one");
            await client.GetResponseAsync("two");
        }

        await otel.FlushAsync();

        var agent = Assert.Single(otel.Ours, a => a.Kind == ActivityKind.Internal);
        Assert.Equal("invoke_agent refund_agent", agent.DisplayName);
        Assert.Equal("invoke_agent", agent.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("refund_agent", agent.GetTagItem("gen_ai.agent.name"));
        Assert.Equal("sess-9", agent.GetTagItem("gen_ai.conversation.id"));
        var chats = otel.OurChats.ToList();
        Assert.Equal(2, chats.Count);
        Assert.All(chats, c =>
        {
            Assert.Equal(agent.TraceId, c.TraceId);
            Assert.Equal(agent.SpanId, c.ParentSpanId);
            Assert.Equal("sess-9", c.GetTagItem("gen_ai.conversation.id"));
        });

        var lines = otel.Lines;
        var operationLine = Assert.Single(lines, l => l.TryGetProperty("calls", out _));
        Assert.Equal(agent.SpanId.ToHexString(), operationLine.GetProperty("span_id").GetString());
        Assert.Equal(agent.TraceId.ToHexString(), operationLine.GetProperty("trace_id").GetString());
        Assert.All(lines.Where(l => !l.TryGetProperty("calls", out _)), l => Assert.Equal(agent.SpanId.ToHexString(), l.GetProperty("parent_span_id").GetString()));
        Assert.Null(Activity.Current);
    }

    [Fact]
    public async Task AManualCall_IsCurrentDuringTheCall_AndTheCallersActivityIsRestoredAfterwards()
    {
        await using var otel = await TelemetryHarness.StartAsync();
        using var app = new ActivitySource(TelemetryHarness.MeaiSource);
        using var request = app.StartActivity("request", ActivityKind.Server)!;

        using (var call = otel.Tracer.StartCall("gpt-4o-mini", [new LlmMessage("user", "hi")]))
        {
            var current = Activity.Current!;
            Assert.Equal(LlmTraceOpenTelemetry.ActivitySourceName, current.Source.Name);
            Assert.Equal(request.SpanId, current.ParentSpanId);
            Assert.Equal(current.TraceId.ToHexString(), call.Trace.TraceId);
            Assert.Equal(current.SpanId.ToHexString(), call.Trace.SpanId);
            call.Complete("hello", new UsageDetails { InputTokenCount = 3, OutputTokenCount = 1 });
            Assert.Same(request, Activity.Current);
        }

        await otel.FlushAsync();
        var span = Assert.Single(otel.OurChats);
        Assert.Equal(request.TraceId, span.TraceId);
        Assert.Same(request, Activity.Current);
    }
}
