namespace LlmIngest.Telemetry;

/// <summary>The OpenTelemetry GenAI semantic-convention names the spans, events and metrics use (and LlmIngest's own).</summary>
internal static class GenAiAttributes
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string RequestTemperature = "gen_ai.request.temperature";
    public const string RequestTopP = "gen_ai.request.top_p";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseId = "gen_ai.response.id";
    public const string ResponseFinishReasons = "gen_ai.response.finish_reasons";
    public const string ResponseTimeToFirstChunk = "gen_ai.response.time_to_first_chunk";
    public const string UsageInputTokens = "gen_ai.usage.input_tokens";
    public const string UsageOutputTokens = "gen_ai.usage.output_tokens";
    public const string UsageCacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens";
    public const string UsageReasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens";
    public const string ConversationId = "gen_ai.conversation.id";
    public const string AgentName = "gen_ai.agent.name";
    public const string ErrorType = "error.type";
    public const string TokenType = "gen_ai.token.type";

    public const string InputMessages = "gen_ai.input.messages";
    public const string OutputMessages = "gen_ai.output.messages";
    public const string SystemInstructions = "gen_ai.system_instructions";
    public const string InputMessagesRef = "gen_ai.input.messages_ref";
    public const string OutputMessagesRef = "gen_ai.output.messages_ref";
    public const string SystemInstructionsRef = "gen_ai.system_instructions_ref";

    public const string StorageResultEvent = "gen_ai.content.storage.result";
    public const string StorageStatus = "gen_ai.content.storage.status";

    public const string Chat = "chat";
    public const string InvokeAgent = "invoke_agent";

    // LlmIngest's own, where the convention has no name.
    public const string Step = "llmingest.step";
    public const string TenantId = "llmingest.tenant_id";
    public const string FunctionName = "llmingest.function_name";
    public const string RequestId = "llmingest.request_id";
    public const string CostUsd = "llmingest.cost_usd";
    public const string SampledOut = "llmingest.sampled_out";
    public const string Dropped = "llmingest.dropped";
    public const string PayloadRefPredicted = "llmingest.payload_ref_predicted";
}
