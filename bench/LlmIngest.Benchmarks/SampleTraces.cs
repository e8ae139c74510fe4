using System.Globalization;
using System.Text;

namespace LlmIngest.Benchmarks;

/// <summary>
/// Realistic traces for the benchmarks: a support-assistant call with a system prompt, a conversation history with the
/// kind of PII users paste (an email, a phone number, an order number), a response and usage. The conversation is
/// padded with prose so the serialized payload is about the requested size; every trace has distinct text.
/// </summary>
internal static class SampleTraces
{
    private const string SystemPrompt =
        "You are a helpful support assistant for Contoso Outdoor. Answer briefly, cite the order number, never promise refunds above 200 EUR without a supervisor, and escalate safety issues.";

    private static readonly string[] Prose =
    [
        "The customer explains that the tent arrived with a torn rain fly and two poles missing from the bag. ",
        "They have already tried the assembly video and the pole sections do not lock into each other. ",
        "The trip starts on Friday, so a replacement has to ship by express delivery or they will cancel. ",
        "Earlier in the conversation the assistant asked for photos of the damage and the packing slip. ",
        "The photos show the carton crushed on one corner, which suggests the damage happened in transit. ",
        "Policy allows a free replacement for transit damage reported within fourteen days of delivery. ",
    ];

    /// <summary>A small trace as the app records it right after a call (ids left to the recorder).</summary>
    public static LlmTrace Small() => new()
    {
        Model = "gpt-4o-mini",
        Provider = "openai",
        FunctionName = "classify_ticket",
        SessionId = "sess-7f3a9c",
        UserId = "u-42",
        Tags = ["support", "triage"],
        Messages = [new LlmMessage("system", SystemPrompt), new LlmMessage("user", "My order #A-55821 arrived broken. What can I do?")],
        Response = "Sorry to hear that! I've opened a replacement order.",
        FinishReason = "stop",
        PromptTokens = 245,
        CompletionTokens = 12,
        LatencyMs = 412.5,
    };

    /// <summary>A trace whose serialized payload is about <paramref name="payloadBytes"/> bytes, with ids set.</summary>
    public static LlmTrace OfSize(int payloadBytes, int index)
    {
        var number = index.ToString("D6", CultureInfo.InvariantCulture);
        var history = new List<LlmMessage> { new("system", SystemPrompt) };
        var budget = Math.Max(0, payloadBytes - 900); // the fixed fields, ids and response take about this much
        var turn = 0;
        while (budget > 0)
        {
            var text = Turn(number, turn, Math.Min(budget, 1400));
            history.Add(new LlmMessage(turn % 2 == 0 ? "user" : "assistant", text));
            budget -= text.Length + 40;
            turn++;
        }

        return new LlmTrace
        {
            TraceId = "0190f5c2a1b27c3d8e4f" + index.ToString("x12", CultureInfo.InvariantCulture),
            SpanId = index.ToString("x16", CultureInfo.InvariantCulture),
            Step = 0,
            SessionId = "sess-" + number,
            UserId = "u-" + (index % 1000).ToString(CultureInfo.InvariantCulture),
            TenantId = "acme",
            Timestamp = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(index),
            Provider = "openai",
            Model = "gpt-4o-mini",
            ResponseModel = "gpt-4o-mini-2024-07-18",
            Operation = "chat",
            FunctionName = "support_reply",
            Tags = ["support", "refunds"],
            Temperature = 0.2,
            MaxTokens = 512,
            Messages = history,
            Response = "I'm sorry about the damaged tent on order #A-" + number + ". I've opened an express replacement; you'll get a confirmation at the email on file.",
            FinishReason = "stop",
            PromptTokens = payloadBytes / 4,
            CompletionTokens = 48,
            TotalTokens = (payloadBytes / 4) + 48,
            LatencyMs = 812.4,
            TimeToFirstTokenMs = 210.7,
            ResponseId = "chatcmpl-" + number,
        };
    }

    /// <summary>A copy with fresh message objects, so redaction (which replaces message text) starts from the original again.</summary>
    public static LlmTrace Fresh(LlmTrace source)
    {
        var messages = new List<LlmMessage>(source.Messages!.Count);
        foreach (var message in source.Messages)
        {
            messages.Add(new LlmMessage(message.Role!, message.Content));
        }

        return new LlmTrace
        {
            TraceId = source.TraceId,
            SpanId = source.SpanId,
            Step = source.Step,
            SessionId = source.SessionId,
            UserId = source.UserId,
            TenantId = source.TenantId,
            Timestamp = source.Timestamp,
            Provider = source.Provider,
            Model = source.Model,
            ResponseModel = source.ResponseModel,
            Operation = source.Operation,
            FunctionName = source.FunctionName,
            Tags = source.Tags is null ? null : [.. source.Tags],
            Temperature = source.Temperature,
            MaxTokens = source.MaxTokens,
            Messages = messages,
            Response = source.Response,
            FinishReason = source.FinishReason,
            PromptTokens = source.PromptTokens,
            CompletionTokens = source.CompletionTokens,
            TotalTokens = source.TotalTokens,
            LatencyMs = source.LatencyMs,
            TimeToFirstTokenMs = source.TimeToFirstTokenMs,
            ResponseId = source.ResponseId,
        };
    }

    private static string Turn(string number, int turn, int length)
    {
        var text = new StringBuilder(length + 200);
        if (turn == 0)
        {
            text.Append("Hi, order #A-").Append(number).Append(" arrived damaged. You can reach me at jane.doe").Append(number)
                .Append("@example.com or +1 415 555 0").Append(number.AsSpan(3)).Append(". ");
        }

        var i = turn;
        while (text.Length < length)
        {
            text.Append(Prose[i++ % Prose.Length]);
        }

        return text.ToString(0, length);
    }
}
