using System.Text;
using System.Text.Json;

namespace LlmIngest.Tests;

public sealed class LlmIngestJsonContextTests
{
    [Fact]
    public void Serialize_UsesSnakeCaseNamesAndWritesNonAsciiAsUtf8()
    {
        var trace = new LlmTrace
        {
            TraceId = "t1",
            SpanId = "s1",
            ParentSpanId = "p1",
            TimeToFirstTokenMs = 12.5,
            Messages = [new LlmMessage("user", "Grüße 日本語 😀 \"quoted\"\n") { ToolCallId = "c1" }],
            Timestamp = new DateTimeOffset(2025, 5, 24, 12, 23, 45, 123, TimeSpan.FromHours(2)),
        };

        var json = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(trace, LlmIngestJsonContext.Relaxed.LlmTrace));

        Assert.Contains("\"trace_id\":\"t1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"parent_span_id\":\"p1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"time_to_first_token_ms\":12.5", json, StringComparison.Ordinal);
        Assert.Contains("\"tool_call_id\":\"c1\"", json, StringComparison.Ordinal);
        Assert.Contains("Grüße 日本語 😀 \\\"quoted\\\"\\n", json, StringComparison.Ordinal);
        Assert.Contains("\"timestamp\":\"2025-05-24T10:23:45.123Z\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"session_id\"", json, StringComparison.Ordinal); // nulls are left out
    }

    [Fact]
    public void Serialize_IllFormedUtf16_StillProducesValidJson()
    {
        var trace = new LlmTrace { Response = "lone \uD800 high, lone \uDC00 low, ok 😀", Error = "\u0001\u2028" };

        var bytes = JsonSerializer.SerializeToUtf8Bytes(trace, LlmIngestJsonContext.Relaxed.LlmTrace);

        using var document = JsonDocument.Parse(bytes);
        var response = document.RootElement.GetProperty("response").GetString()!;
        Assert.EndsWith("ok 😀", response, StringComparison.Ordinal);
        Assert.Equal("\u0001\u2028", document.RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain((byte)'\n', bytes);
    }

    [Fact]
    public void Deserialize_RoundTripsEveryField()
    {
        var trace = new LlmTrace
        {
            TraceId = "t",
            SpanId = "s",
            ParentSpanId = "p",
            Step = 3,
            SessionId = "se",
            TenantId = "te",
            UserId = "u",
            Timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero),
            Provider = "openai",
            Model = "gpt-4o",
            ResponseModel = "gpt-4o-2024-08-06",
            Operation = "chat",
            Messages = [new("user", "hi")],
            Temperature = 0.2,
            MaxTokens = 100,
            TopP = 0.9,
            Tools = [new LlmToolDefinition { Name = "f", Description = "d", ParametersSchema = "{}" }],
            Response = "r",
            ResponseMessages = [new("assistant", "r") { ToolCalls = [new LlmToolCall { Id = "1", Name = "f", Arguments = "{}" }] }],
            FinishReason = "stop",
            PromptTokens = 1,
            CompletionTokens = 2,
            TotalTokens = 3,
            ReasoningTokens = 4,
            CachedTokens = 5,
            LatencyMs = 6.5,
            TimeToFirstTokenMs = 7.5,
            TokensPerSec = 8.5,
            CostUsd = 0.000123m,
            FunctionName = "fn",
            Tags = ["a"],
            Error = "e",
            ErrorType = "et",
            RequestId = "rq",
            ResponseId = "rs",
            SystemFingerprint = "fp",
            Attributes = new Dictionary<string, string> { ["k"] = "v" },
        };

        var json = JsonSerializer.Serialize(trace, LlmIngestJsonContext.Relaxed.LlmTrace);
        var back = JsonSerializer.Deserialize(json, LlmIngestJsonContext.Relaxed.LlmTrace)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, LlmIngestJsonContext.Relaxed.LlmTrace));
        Assert.Equal(trace.Timestamp, back.Timestamp);
        Assert.Equal(0.000123m, back.CostUsd);
    }
}
