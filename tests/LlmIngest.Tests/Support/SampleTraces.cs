namespace LlmIngest.Tests.Support;

/// <summary>Realistic traces for tests.</summary>
internal static class SampleTraces
{
    public static LlmTrace Chat(string? traceId = null, int step = 0, string user = "What is the capital of France?", string response = "Paris.") => new()
    {
        TraceId = traceId,
        Step = step,
        SessionId = "sess-1",
        Provider = "openai",
        Model = "gpt-4o-mini",
        Operation = "chat",
        FunctionName = "answer_question",
        Messages = [new LlmMessage("system", "You are terse."), new LlmMessage("user", user)],
        Response = response,
        ResponseMessages = [new LlmMessage("assistant", response)],
        FinishReason = "stop",
        PromptTokens = 20,
        CompletionTokens = 2,
        TotalTokens = 22,
        LatencyMs = 412.5,
        CostUsd = 0.0000042m,
        Tags = ["test"],
    };
}
