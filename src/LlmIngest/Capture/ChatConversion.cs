using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace LlmIngest.Capture;

/// <summary>Converts Microsoft.Extensions.AI chat types into the trace model. Runs on the worker.</summary>
internal static class ChatConversion
{
    private const string SystemFingerprintName = "SystemFingerprint";
    private const string RequestIdName = "RequestId";

    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo?> RawProperties = new();

    // MEAI's defaults write indented JSON; tool arguments and results are stored compact, as the model produced them.
    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static List<LlmMessage> ToMessages(IList<ChatMessage> messages)
    {
        var result = new List<LlmMessage>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (CountResults(message) > 1)
            {
                // The function invoker answers parallel calls in one message; providers receive one tool message per
                // result (each with its call id), and that is what is stored.
                foreach (var content in message.Contents)
                {
                    if (content is FunctionResultContent answer)
                    {
                        result.Add(new LlmMessage(message.Role.Value, ResultText(answer)) { Name = message.AuthorName, ToolCallId = answer.CallId });
                    }
                }

                continue;
            }

            result.Add(ToMessage(message));
        }

        return result;
    }

    public static LlmMessage ToMessage(ChatMessage message)
    {
        var converted = new LlmMessage { Role = message.Role.Value, Name = message.AuthorName };
        StringBuilder? text = null;
        string? singleText = null;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent { Text: { Length: > 0 } t }:
                    Append(ref singleText, ref text, t);
                    break;
                case FunctionCallContent call:
                    (converted.ToolCalls ??= []).Add(new LlmToolCall { Id = call.CallId, Name = call.Name, Arguments = ArgumentsJson(call.Arguments) });
                    break;
                case FunctionResultContent result:
                    converted.ToolCallId ??= result.CallId;
                    Append(ref singleText, ref text, ResultText(result));
                    break;
            }
        }

        converted.Content = text?.ToString() ?? singleText;
        return converted;
    }

    public static List<LlmToolDefinition> ToTools(AITool[] tools)
    {
        var result = new List<LlmToolDefinition>(tools.Length);
        foreach (var tool in tools)
        {
            result.Add(new LlmToolDefinition
            {
                Name = tool.Name,
                Description = string.IsNullOrEmpty(tool.Description) ? null : tool.Description,
                ParametersSchema = tool is AIFunctionDeclaration function ? function.JsonSchema.GetRawText() : null,
            });
        }

        return result;
    }

    /// <summary>Fills the response fields of <paramref name="trace"/>; <paramref name="raw"/> are the provider's raw objects to look for ids in.</summary>
    public static void ApplyResponse(LlmTrace trace, ChatCompletionSnapshot response, IEnumerable<object?> raw)
    {
        trace.ResponseId = response.ResponseId;
        trace.ResponseModel = response.ModelId;
        trace.FinishReason ??= response.FinishReason;
        if (response.Messages.Count > 0)
        {
            trace.ResponseMessages = ToMessages(response.Messages);
        }

        var text = Text(response.Messages);
        trace.Response = text.Length > 0 ? text : null;
        if (trace.FinishReason is null && trace.ResponseMessages is { } messages && HasToolCalls(messages))
        {
            trace.FinishReason = "tool_calls";
        }

        if (response.Usage.HasValue)
        {
            ApplyUsage(trace, response.Usage);
        }

        trace.SystemFingerprint = AdditionalString(response.AdditionalProperties, SystemFingerprintName);
        trace.RequestId = AdditionalString(response.AdditionalProperties, RequestIdName);
        foreach (var item in raw)
        {
            trace.SystemFingerprint ??= RawString(item, SystemFingerprintName);
            trace.RequestId ??= RawString(item, RequestIdName);
        }
    }

    public static void ApplyUsage(LlmTrace trace, UsageDetails? usage)
    {
        var snapshot = UsageSnapshot.From(usage);
        if (snapshot.HasValue)
        {
            ApplyUsage(trace, snapshot);
        }
    }

    public static void ApplyUsage(LlmTrace trace, UsageSnapshot usage)
    {
        trace.PromptTokens = ToInt(usage.Input);
        trace.CompletionTokens = ToInt(usage.Output);
        trace.TotalTokens = ToInt(usage.Total) ?? (trace.PromptTokens + trace.CompletionTokens);
        trace.CachedTokens = ToInt(usage.Cached);
        trace.ReasoningTokens = ToInt(usage.Reasoning);
        if (trace.CompletionTokens is { } output && trace.LatencyMs > 0)
        {
            trace.TokensPerSec = Math.Round(output / (trace.LatencyMs / 1000), 1);
        }
    }

    /// <summary>
    /// A sampling parameter as the decimal the app wrote: <c>0.3f</c> widened to double is 0.30000001192092896, but its
    /// shortest round-trip text is "0.3", which is what was meant and what the provider's JSON carries.
    /// </summary>
    public static double? AsSet(float? value) =>
        value is { } v && float.IsFinite(v)
            ? double.Parse(v.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture)
            : value;

    private static void Append(ref string? single, ref StringBuilder? builder, string value)
    {
        if (builder is not null)
        {
            builder.Append(value);
        }
        else if (single is null)
        {
            single = value;
        }
        else
        {
            builder = new StringBuilder(single).Append(value);
        }
    }

    private static int CountResults(ChatMessage message)
    {
        var count = 0;
        foreach (var content in message.Contents)
        {
            if (content is FunctionResultContent)
            {
                count++;
            }
        }

        return count;
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

    private static string? ArgumentsJson(IDictionary<string, object?>? arguments)
    {
        if (arguments is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Serialize(arguments, CompactJson.GetTypeInfo(typeof(IDictionary<string, object?>)));
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            return "(arguments not serializable: " + e.GetType().Name + ")";
        }
    }

    private static string ResultText(FunctionResultContent result)
    {
        switch (result.Result)
        {
            case null:
                return result.Exception?.Message ?? string.Empty;
            case string s:
                return s;
            case JsonElement element:
                // As the provider receives it: the function invoker's result is JSON, so a string result is quoted.
                return element.GetRawText();
        }

        try
        {
            return JsonSerializer.Serialize(result.Result, CompactJson.GetTypeInfo(result.Result.GetType()));
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            return result.Result.ToString() ?? string.Empty;
        }
    }

    // The same text ChatResponse.Text gives (its own joining of several messages).
    private static string Text(IList<ChatMessage> messages) => messages.Count == 1 ? messages[0].Text : new ChatResponse(messages).Text;

    private static int? ToInt(long? value) => value is { } v ? (int)Math.Clamp(v, 0, int.MaxValue) : null;

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
