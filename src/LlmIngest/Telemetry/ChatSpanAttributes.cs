using System.Diagnostics;

namespace LlmIngest.Telemetry;

/// <summary>Sets a call span's attributes from the final trace (after enrichment): the GenAI convention's, then LlmIngest's own.</summary>
internal static class ChatSpanAttributes
{
    public static void Apply(Activity activity, LlmTrace trace)
    {
        activity.SetTag(GenAiAttributes.OperationName, GenAiAttributes.Chat);
        activity.SetTag(GenAiAttributes.ProviderName, trace.Provider);
        activity.SetTag(GenAiAttributes.RequestModel, trace.Model);
        activity.SetTag(GenAiAttributes.RequestTemperature, trace.Temperature);
        activity.SetTag(GenAiAttributes.RequestTopP, trace.TopP);
        activity.SetTag(GenAiAttributes.RequestMaxTokens, trace.MaxTokens);
        activity.SetTag(GenAiAttributes.ResponseModel, trace.ResponseModel);
        activity.SetTag(GenAiAttributes.ResponseId, trace.ResponseId);
        if (trace.Error is null && trace.ErrorType is null && !string.IsNullOrEmpty(trace.FinishReason))
        {
            activity.SetTag(GenAiAttributes.ResponseFinishReasons, new[] { trace.FinishReason });
        }

        if (trace.TimeToFirstTokenMs is { } firstToken)
        {
            activity.SetTag(GenAiAttributes.ResponseTimeToFirstChunk, firstToken / 1000.0);
        }

        activity.SetTag(GenAiAttributes.UsageInputTokens, trace.PromptTokens);
        activity.SetTag(GenAiAttributes.UsageOutputTokens, trace.CompletionTokens);
        activity.SetTag(GenAiAttributes.UsageCacheReadInputTokens, trace.CachedTokens);
        activity.SetTag(GenAiAttributes.UsageReasoningOutputTokens, trace.ReasoningTokens);
        activity.SetTag(GenAiAttributes.ConversationId, trace.SessionId);
        activity.SetTag(GenAiAttributes.Step, trace.Step);
        activity.SetTag(GenAiAttributes.TenantId, trace.TenantId);
        activity.SetTag(GenAiAttributes.FunctionName, trace.FunctionName);
        activity.SetTag(GenAiAttributes.RequestId, trace.RequestId);
        activity.SetTag(GenAiAttributes.CostUsd, trace.CostUsd is { } cost ? (double)cost : null);
        if (trace.Error is not null || trace.ErrorType is not null)
        {
            // The category (rate_limit, timeout, …) is the low-cardinality error.type; the message may hold content,
            // so it stays in the payload and the status says only the category.
            var errorType = trace.ErrorType ?? "_OTHER";
            activity.SetTag(GenAiAttributes.ErrorType, errorType);
            activity.SetStatus(ActivityStatusCode.Error, errorType);
        }
    }
}
