using Microsoft.Extensions.AI;

namespace LlmIngest.Capture;

/// <summary>The parts of a completed chat call that become trace fields, as copied when the call completed.</summary>
internal readonly record struct ChatCompletionSnapshot(
    IList<ChatMessage> Messages,
    UsageSnapshot Usage,
    string? ResponseId,
    string? ModelId,
    string? FinishReason,
    AdditionalPropertiesDictionary? AdditionalProperties);
