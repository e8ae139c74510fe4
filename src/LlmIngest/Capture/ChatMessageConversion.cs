using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace LlmIngest.Capture;

/// <summary>Converts Microsoft.Extensions.AI messages and tools into the trace model. Runs on the worker.</summary>
internal static class ChatMessageConversion
{
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
                        var tool = new LlmMessage { Role = message.Role.Value, Name = message.AuthorName, ToolCallId = answer.CallId };
                        tool.Content = MediaContentConversion.TryAdd(tool, answer.Result as AIContent) ? null : ResultText(answer);
                        result.Add(tool);
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
                    if (!MediaContentConversion.TryAdd(converted, result.Result as AIContent))
                    {
                        Append(ref singleText, ref text, ResultText(result));
                    }

                    break;
                case DataContent or UriContent:
                    MediaContentConversion.TryAdd(converted, content);
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
}
