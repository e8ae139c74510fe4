using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.AI;

namespace LlmIngest.Capture;

/// <summary>Fills a trace's response fields from a captured response: messages, text, finish reason, usage and the provider's ids. Runs on the worker.</summary>
internal static class ChatResponseConversion
{
    private const string SystemFingerprintName = "SystemFingerprint";
    private const string RequestIdName = "RequestId";

    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo?> RawProperties = new();

    /// <summary>Fills the response fields of <paramref name="trace"/>; <paramref name="raw"/> are the provider's raw objects to look for ids in.</summary>
    public static void ApplyResponse(LlmTrace trace, ChatCompletionSnapshot response, IEnumerable<object?> raw)
    {
        trace.ResponseId = response.ResponseId;
        trace.ResponseModel = response.ModelId;
        trace.FinishReason ??= response.FinishReason;
        if (response.Messages.Count > 0)
        {
            trace.ResponseMessages = ChatMessageConversion.ToMessages(response.Messages);
        }

        var text = Text(response.Messages);
        trace.Response = text.Length > 0 ? text : null;
        if (trace.FinishReason is null && trace.ResponseMessages is { } messages && HasToolCalls(messages))
        {
            trace.FinishReason = "tool_calls";
        }

        if (response.Usage.HasValue)
        {
            UsageConversion.ApplyUsage(trace, response.Usage);
        }

        trace.SystemFingerprint = AdditionalString(response.AdditionalProperties, SystemFingerprintName);
        trace.RequestId = AdditionalString(response.AdditionalProperties, RequestIdName);
        foreach (var item in raw)
        {
            trace.SystemFingerprint ??= RawString(item, SystemFingerprintName);
            trace.RequestId ??= RawString(item, RequestIdName);
        }
    }

    private static bool HasToolCalls(IList<LlmMessage> messages)
    {
        foreach (var message in messages)
        {
            if (message.ToolCalls is { Count: > 0 })
            {
                return true;
            }
        }

        return false;
    }

    // The same text ChatResponse.Text gives (its own joining of several messages).
    private static string Text(IList<ChatMessage> messages) => messages.Count == 1 ? messages[0].Text : new ChatResponse(messages).Text;

    private static string? AdditionalString(AdditionalPropertiesDictionary? properties, string name) =>
        properties is not null && properties.TryGetValue(name, out var value) && value is string s && s.Length > 0 ? s : null;

    /// <summary>A public string property of the provider's raw object (e.g. OpenAI's <c>ChatCompletion.SystemFingerprint</c>), found once per type.</summary>
    private static string? RawString(object? raw, string name)
    {
        if (raw is null)
        {
            return null;
        }

        var property = RawProperties.GetOrAdd((raw.GetType(), name), static key =>
        {
            var p = key.Item1.GetProperty(key.Item2, BindingFlags.Public | BindingFlags.Instance);
            return p is { PropertyType: var type, CanRead: true } && type == typeof(string) && p.GetIndexParameters().Length == 0 ? p : null;
        });
        return property?.GetValue(raw) is string { Length: > 0 } value ? value : null;
    }
}
