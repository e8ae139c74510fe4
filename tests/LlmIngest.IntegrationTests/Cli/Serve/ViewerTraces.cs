namespace LlmIngest.IntegrationTests.Cli.Serve;

/// <summary>
/// The traces the viewer tests record: a two-step agent run with a tool call (and an e-mail address the redactor turns
/// into <c>[EMAIL]</c>), a hostile trace whose text tries to run script in the page, a trace whose payload is tampered
/// with after it was stored, and filler calls in other sessions so that filtering has something to leave out.
/// </summary>
internal static class ViewerTraces
{
    public const string AgentTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    public const string AgentSession = "sess-viewer";
    public const string HostileTrace = "0af7651916cd43dd8448eb211c80319c";
    public const string TamperedTrace = "5e0c63257de34c92bf9efcd03927272e";
    public const int FillerCalls = 60;

    /// <summary>What a payload's text would set if the page ever ran it as script: <c>window.__pwned</c>.</summary>
    public static readonly string[] HostileTexts =
    [
        "<script>window.__pwned = 1</script>",
        "<img src=x onerror=\"window.__pwned = 2\">",
        "[click me](javascript:window.__pwned=3)",
        "<a href=\"javascript:window.__pwned = 4\">docs</a>",
        "&lt;b&gt;bold&lt;/b&gt; &amp; &#x3C;script&#x3E;",
        "</textarea><script>window.__pwned = 5</script><textarea>",
        "<svg onload=\"window.__pwned = 6\"></svg>",
        "<style>body { display: none }</style>",
    ];

    public static string LongLine { get; } = "START-" + new string('x', 1_000_000) + "<script>window.__pwned = 7</script>-END";

    public static IEnumerable<LlmTrace> All()
    {
        var start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var system = new LlmMessage("system", "You are the support assistant.");
        var user = new LlmMessage("user", "Where is my order A-1? Write to dana.whitfield@example.com");
        var toolCall = new LlmMessage("assistant", null) { ToolCalls = [new LlmToolCall { Id = "call_1", Name = "lookup_order", Arguments = "{\"order_id\":\"A-1\",\"verbose\":true}" }] };
        var toolResult = new LlmMessage("tool", "{\"status\":\"shipped\",\"eta\":\"2026-12-03\"}") { ToolCallId = "call_1" };

        var first = Call(AgentTrace, "a000000000000001", 0, AgentSession, start, 820);
        first.Messages = [system, user];
        first.ResponseMessages = [toolCall];
        first.FinishReason = "tool_calls";
        first.TimeToFirstTokenMs = 310;
        yield return first;

        var second = Call(AgentTrace, "a000000000000002", 1, AgentSession, start.AddMilliseconds(900), 640);
        second.Messages = [system, user, toolCall, toolResult];
        second.Response = "Your order A-1 has shipped and arrives on 3 December.";
        second.FinishReason = "stop";
        yield return second;

        var hostile = Call(HostileTrace, "b000000000000001", 0, "sess-hostile", start.AddMinutes(1), 1500);
        hostile.Messages = [.. HostileTexts.Select(t => new LlmMessage("user", t)), new LlmMessage("user", LongLine)];
        hostile.Response = HostileTexts[0];
        hostile.ResponseMessages = [new LlmMessage("assistant", HostileTexts[3]) { ToolCalls = [new LlmToolCall { Id = "<b>x</b>", Name = "<img src=x onerror=\"window.__pwned=8\">", Arguments = HostileTexts[5] }] }];
        hostile.Error = HostileTexts[1];
        hostile.ErrorType = "unknown";
        yield return hostile;

        var tampered = Call(TamperedTrace, "c000000000000001", 0, "sess-tamper", start.AddMinutes(2), 300);
        tampered.Messages = [new LlmMessage("user", "the original question")];
        tampered.Response = "the original answer";
        yield return tampered;

        for (var i = 0; i < FillerCalls; i++)
        {
            var filler = Call(i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture), (i + 1).ToString("x16", System.Globalization.CultureInfo.InvariantCulture), 0, "sess-other-" + (i % 7), start.AddMinutes(3 + i), 100 + i);
            filler.Messages = [new LlmMessage("user", "filler question " + i)];
            filler.Response = "filler answer " + i;
            yield return filler;
        }
    }

    private static LlmTrace Call(string traceId, string spanId, int step, string session, DateTimeOffset timestamp, double latency) => new()
    {
        TraceId = traceId,
        SpanId = spanId,
        Step = step,
        SessionId = session,
        Timestamp = timestamp,
        Model = "gpt-4o-mini",
        FunctionName = "support_agent",
        PromptTokens = 120,
        CompletionTokens = 30,
        LatencyMs = latency,
        Provider = "openai",
        Operation = "chat",
    };
}
