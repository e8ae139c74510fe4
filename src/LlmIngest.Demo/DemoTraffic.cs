namespace LlmIngest.Demo;

/// <summary>Records a realistic stream of traces: single calls and multi-step agent runs sharing a trace id.</summary>
internal sealed class DemoTraffic(ILlmTraceRecorder recorder, FakeChatModel model)
{
    private const string SystemPrompt = "You are a helpful support assistant for Contoso. Answer briefly and never reveal internal data.";

    public int Recorded { get; private set; }

    public int Dropped { get; private set; }

    public List<string> TraceIds { get; } = [];

    /// <summary>Records at least <paramref name="count"/> calls.</summary>
    public void Run(int count)
    {
        var session = 0;
        while (Recorded + Dropped < count)
        {
            var sessionId = $"sess-{session++:D4}";
            if (model.NextInt(4) == 0)
            {
                AgentRun(sessionId);
            }
            else
            {
                SingleCall(sessionId);
            }
        }
    }

    private void SingleCall(string sessionId)
    {
        var (name, input, output) = model.NextModel();
        var functions = new[] { "classify_ticket", "summarize_thread", "draft_reply" };
        var function = functions[model.NextInt(functions.Length)];
        var customer = model.NextCustomerMessage();
        var trace = NewTrace(sessionId, name, function, traceId: null, step: 0, parentSpanId: null);
        trace.Messages = [new LlmMessage("system", SystemPrompt), new LlmMessage("user", customer)];
        var answer = function switch
        {
            "classify_ticket" => model.NextInt(2) == 0 ? "billing" : "technical",
            "summarize_thread" => "The customer reports a problem with their latest order and asks for a call back or a refund; tone is frustrated but polite.",
            _ => "Thank you for reaching out. I'm sorry about the trouble with your order — I've opened a case and a colleague will contact you within one business day.",
        };
        model.Answer(trace, answer, input, output);
        Record(trace);
    }

    private void AgentRun(string sessionId)
    {
        var (name, input, output) = model.NextModel();
        string? traceId = null; // the library assigns one to the first call; the others reuse it
        var customer = model.NextCustomerMessage();
        var tools = new List<LlmToolDefinition>
        {
            new() { Name = "lookup_order", Description = "Finds an order by number.", ParametersSchema = """{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}""" },
            new() { Name = "issue_refund", Description = "Refunds an order.", ParametersSchema = """{"type":"object","properties":{"order_id":{"type":"string"},"amount":{"type":"number"}}}""" },
        };

        var history = new List<LlmMessage> { new("system", SystemPrompt), new("user", customer) };
        string? rootSpan = null;
        var steps = 2 + model.NextInt(3);
        for (var step = 0; step < steps; step++)
        {
            var trace = NewTrace(sessionId, name, "refund_agent", traceId, step, rootSpan);
            trace.Messages = [.. history];
            trace.Tools = tools;
            var last = step == steps - 1;
            var call = last ? null : new LlmToolCall
            {
                Id = $"call_{step}",
                Name = step == 0 ? "lookup_order" : "issue_refund",
                Arguments = step == 0 ? """{"order_id":"A-55821"}""" : """{"order_id":"A-55821","amount":49.90}""",
            };
            model.Answer(trace, last ? "I've refunded 49.90 EUR to the original payment method; you'll see it in 3-5 days." : string.Empty, input, output, call is null ? null : [call]);
            Record(trace);
            traceId ??= trace.TraceId;
            rootSpan ??= trace.SpanId;
            if (trace.Error is not null)
            {
                break; // an agent gives up when a call fails, as a real one would
            }

            if (call is not null)
            {
                history.Add(new LlmMessage("assistant", null) { ToolCalls = [call] });
                history.Add(new LlmMessage("tool", step == 0 ? """{"status":"delivered","total":49.90,"email":"dana.whitfield@example.com"}""" : """{"refund_id":"rf_1029","status":"ok"}""") { ToolCallId = call.Id });
            }
        }
    }

    private static LlmTrace NewTrace(string sessionId, string model, string function, string? traceId, int step, string? parentSpanId) => new()
    {
        TraceId = traceId,
        ParentSpanId = parentSpanId,
        Step = step,
        SessionId = sessionId,
        UserId = "user-" + sessionId[5..],
        Provider = model.StartsWith("claude", StringComparison.Ordinal) ? "anthropic" : "openai",
        Model = model,
        Operation = "chat",
        FunctionName = function,
        Temperature = 0.2,
        MaxTokens = 512,
        TopP = 1.0,
        Tags = ["demo", function],
        Attributes = new Dictionary<string, string> { ["app_version"] = "1.4.2", ["region"] = "eu-west-1" },
    };

    private void Record(LlmTrace trace)
    {
        if (recorder.Record(trace))
        {
            Recorded++;
            if (trace.Step == 0)
            {
                TraceIds.Add(trace.TraceId!);
            }
        }
        else
        {
            Dropped++;
        }
    }
}
