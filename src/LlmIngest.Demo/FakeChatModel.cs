namespace LlmIngest.Demo;

/// <summary>
/// A stand-in for a real chat model: deterministic answers, token counts, latencies and failures, no network.
/// It produces the kinds of traffic a support app sends: classification, summaries, entity extraction,
/// multi-step agent runs with tool calls, and now and then a customer's email, phone or card number.
/// </summary>
internal sealed class FakeChatModel(int seed)
{
    private static readonly string[] Customers =
    [
        "Hi, I'm Dana Whitfield (dana.whitfield@example.com). My order #A-55821 arrived broken, please call me at (415) 555-0132.",
        "Bonjour, je m'appelle Chloé — mon numéro est +33 1 23 45 67 89 et ma carte 4111 1111 1111 1111 a été débitée deux fois.",
        "My SSN is 219-09-9999 and the tax form you sent shows the wrong one. Reach me at j.ortiz@contoso.org.",
        "Order 2024-118-55213 is late again. This is the third time this month; I want a refund to card 5500-0000-0000-0004.",
        "Can you explain why the dashboard shows 404 errors after the 3.2.1 update? Our team of 25 can't log in.",
        "Please summarise this thread: customer reports intermittent latency on the EU cluster since Tuesday 14:00 UTC.",
        "Ich habe zweimal bezahlt. Rufen Sie mich bitte unter 030 12345678 an. Vielen Dank! 🙏",
        "How do I rotate my API credentials without downtime? We have 12 services in three regions.",
    ];

    private static readonly (string Model, decimal Input, decimal Output)[] Models =
    [
        ("gpt-4o-mini", 0.15m, 0.60m),
        ("gpt-4o", 2.50m, 10.00m),
        ("claude-sonnet-4-6", 3.00m, 15.00m),
    ];

    private readonly Random _random = new(seed);

    public string NextCustomerMessage() => Customers[_random.Next(Customers.Length)];

    public (string Model, decimal Input, decimal Output) NextModel() => Models[_random.Next(Models.Length)];

    /// <summary>Answers one call: fills the response, usage, latency and cost of <paramref name="trace"/>, or an error.</summary>
    public void Answer(LlmTrace trace, string answer, decimal inputPrice, decimal outputPrice, IList<LlmToolCall>? toolCalls = null)
    {
        var promptTokens = 0;
        foreach (var message in trace.Messages ?? [])
        {
            promptTokens += 4 + ((message.Content?.Length ?? 0) / 4);
        }

        trace.PromptTokens = promptTokens;
        trace.LatencyMs = Math.Round(180 + (_random.NextDouble() * 1400) + (promptTokens * 0.8), 1);

        var roll = _random.NextDouble();
        if (roll < 0.05)
        {
            Fail(trace, "rate_limit", "Error code: 429 - Rate limit reached for requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms.");
            return;
        }

        if (roll < 0.08)
        {
            Fail(trace, "context_length_exceeded", "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens.");
            return;
        }

        if (roll < 0.10)
        {
            Fail(trace, "timeout", "The request timed out after 30000 ms.");
            return;
        }

        var completionTokens = 3 + (answer.Length / 4);
        trace.Response = answer;
        trace.ResponseMessages = [new LlmMessage("assistant", answer) { ToolCalls = toolCalls }];
        trace.FinishReason = toolCalls is null ? (_random.NextDouble() < 0.04 ? "length" : "stop") : "tool_calls";
        trace.CompletionTokens = completionTokens;
        trace.TotalTokens = promptTokens + completionTokens;
        trace.CachedTokens = promptTokens > 200 ? promptTokens / 2 : 0;
        trace.TokensPerSec = Math.Round(completionTokens / (trace.LatencyMs / 1000), 1);
        trace.CostUsd = Math.Round((promptTokens * inputPrice / 1_000_000m) + (completionTokens * outputPrice / 1_000_000m), 8);
        trace.ResponseModel = trace.Model + "-2024-08-06";
        trace.ResponseId = "chatcmpl-" + Guid.NewGuid().ToString("N")[..24];
        trace.RequestId = "req_" + Guid.NewGuid().ToString("N")[..20];
        trace.SystemFingerprint = "fp_" + _random.Next(0x100000, 0xFFFFFF).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
    }

    public int NextInt(int maxExclusive) => _random.Next(maxExclusive);

    private static void Fail(LlmTrace trace, string type, string message)
    {
        trace.Error = message;
        trace.ErrorType = type;
        trace.FinishReason = "error";
    }
}
