using System.Globalization;
using System.Text;
using LlmIngest.Capture;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>
/// A realistic, reproducible mix of calls: single calls and multi-step agent runs sharing a trace id, with
/// emails, phone numbers, SSNs and card numbers in user messages and tool results, non-ASCII text, and failures.
/// </summary>
internal static class TrafficMix
{
    public const string Japanese = "日本語のメニューはありますか";
    public const string French = "Café crème et crêpe brûlée, s'il vous plaît";
    public const string German = "Grüße aus Köln, Straße ohne Nummer";
    public const string Emoji = "Merci 🚀🎉 à bientôt";

    private static readonly string[] NonAscii = [Japanese, French, German, Emoji];
    private static readonly string[] Models = ["gpt-4o-mini", "gpt-4o", "claude-3-5-sonnet", "mistral-large"];
    private static readonly string[] Functions = ["classify_ticket", "summarize_thread", "draft_reply", "answer_question"];

    /// <summary>
    /// <paramref name="calls"/> calls in all, as operations in recording order: <paramref name="multiStepOperations"/>
    /// agent runs of 1 to 4 steps (ids assigned here, steps 0..n-1, each step's parent the one before), the rest
    /// single calls whose ids the library assigns.
    /// </summary>
    public static List<List<PlannedCall>> Create(int calls, int multiStepOperations, int seed)
    {
        var random = new Random(seed);
        var operations = new List<List<PlannedCall>>();
        var n = 0;
        for (var op = 0; op < multiStepOperations; op++)
        {
            var steps = 1 + (op % 4);
            var traceId = TraceIdentifiers.NewTraceId();
            var tenant = op % 3 == 0 ? "acme" : null;
            string? parent = null;
            var operation = new List<PlannedCall>(steps);
            for (var step = 0; step < steps; step++)
            {
                var call = NewCall(n++, random, $"sess-op-{op:D4}", tenant, withToolResult: step > 0, final: step == steps - 1);
                call.Trace.TraceId = traceId;
                call.Trace.SpanId = TraceIdentifiers.NewSpanId();
                call.Trace.ParentSpanId = parent;
                call.Trace.Step = step;
                call.Trace.Operation = "agent";
                parent = call.Trace.SpanId;
                operation.Add(call);
            }

            operations.Add(operation);
        }

        var singles = calls - n;
        if (singles < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(calls), $"{multiStepOperations} operations already make {n} calls.");
        }

        for (var i = 0; i < singles; i++)
        {
            operations.Add([NewCall(n++, random, $"sess-{i:D4}", i % 4 == 0 ? "acme" : null, withToolResult: i % 7 == 0, final: true)]);
        }

        // Agent runs and single calls arrive interleaved, as they would from a busy app.
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(operations));
        return operations;
    }

    private static PlannedCall NewCall(int n, Random random, string sessionId, string? tenant, bool withToolResult, bool final)
    {
        var prompt = random.Next(50, 4000);
        var completion = random.Next(1, 800);
        var call = new PlannedCall(new LlmTrace
        {
            SessionId = sessionId,
            TenantId = tenant,
            UserId = "user-" + (n % 50).ToString(CultureInfo.InvariantCulture),
            Provider = "openai",
            Model = Models[n % Models.Length],
            ResponseModel = Models[n % Models.Length] + "-2024-08-06",
            Operation = "chat",
            FunctionName = Functions[n % Functions.Length],
            Temperature = 0.2,
            MaxTokens = 1024,
            PromptTokens = prompt,
            CompletionTokens = completion,
            TotalTokens = prompt + completion,
            LatencyMs = 50 + (random.NextDouble() * 3000),
            TimeToFirstTokenMs = 20 + (random.NextDouble() * 400),
            CostUsd = Math.Round((prompt * 0.00000015m) + (completion * 0.0000006m), 8),
            RequestId = "req_" + Guid.NewGuid().ToString("N"),
            Tags = ["integration", n % 2 == 0 ? "even" : "odd"],
            Attributes = new Dictionary<string, string> { ["region"] = "eu-west", ["call"] = n.ToString(CultureInfo.InvariantCulture) },
        });

        var user = new StringBuilder("Hi, I need help with my latest order.");
        if (n % 5 == 0)
        {
            var email = $"jane.doe{n}@example.com";
            user.Append(" Reach me at ").Append(email).Append('.');
            call.AddPii(email, "email");
        }

        if (n % 11 == 0)
        {
            user.Append(" My SSN is 123-45-6789.");
            call.AddPii("123-45-6789", "ssn");
        }

        if (n % 13 == 0)
        {
            user.Append(" Call me on (555) 123-4567 or +44 20 7946 0958.");
            call.AddPii("(555) 123-4567", "phone");
            call.AddPii("+44 20 7946 0958", "phone");
        }

        if (n % 3 == 0)
        {
            var text = NonAscii[(n / 3) % NonAscii.Length];
            user.Append(' ').Append(text);
            call.NonAsciiTexts.Add(text);
        }

        call.UserMessage = user.ToString();
        var messages = new List<LlmMessage>
        {
            new("system", "You are a helpful support assistant for Contoso. Answer briefly."),
            new("user", call.UserMessage),
        };

        if (withToolResult)
        {
            var toolCallId = "call_" + n.ToString(CultureInfo.InvariantCulture);
            messages.Add(new LlmMessage("assistant", null)
            {
                ToolCalls = [new LlmToolCall { Id = toolCallId, Name = "lookup_customer", Arguments = """{"customer":"current"}""" }],
            });
            messages.Add(new LlmMessage("tool", "card on file: 4111 1111 1111 1111; backup card 5500-0000-0000-0004; billing contact billing@contoso.example")
            {
                ToolCallId = toolCallId,
            });
            call.AddPii("4111 1111 1111 1111", "card");
            call.AddPii("5500-0000-0000-0004", "card");
            call.AddPii("billing@contoso.example", "email");
        }

        call.Trace.Messages = messages;
        if (n % 17 == 0)
        {
            var owner = $"ops{n}@contoso.example";
            call.Trace.Error = $"Rate limit exceeded for the key of {owner}; retry later.";
            call.Trace.ErrorType = "rate_limit_exceeded";
            call.Trace.FinishReason = "error";
            call.AddPii(owner, "email");
        }
        else if (!final)
        {
            call.Trace.FinishReason = "tool_calls";
            call.Trace.ResponseMessages =
            [
                new LlmMessage("assistant", null)
                {
                    ToolCalls = [new LlmToolCall { Id = "next_" + n.ToString(CultureInfo.InvariantCulture), Name = "lookup_order", Arguments = """{"order":"latest"}""" }],
                },
            ];
        }
        else
        {
            var answer = n % 3 == 0 ? "Bien sûr ! Voici la réponse — à bientôt." : "Thanks for reaching out; a colleague will contact you within one business day.";
            call.Trace.Response = answer;
            call.Trace.ResponseMessages = [new LlmMessage("assistant", answer)];
            call.Trace.FinishReason = "stop";
        }

        return call;
    }
}
