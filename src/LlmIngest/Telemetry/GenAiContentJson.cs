using System.Buffers;
using System.Text;
using System.Text.Json;

namespace LlmIngest.Telemetry;

/// <summary>
/// A trace's (redacted) messages in the GenAI convention's JSON: <c>gen_ai.input.messages</c> (the request's messages but
/// system ones), <c>gen_ai.system_instructions</c> (the system messages' text parts) and <c>gen_ai.output.messages</c>
/// (with <c>finish_reason</c>). Parts are <c>text</c>, <c>tool_call</c> (id, name, arguments) and
/// <c>tool_call_response</c> (id, response).
/// </summary>
internal static class GenAiContentJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = Utf8JsonTextEncoder.Instance };

    public static string? Input(LlmTrace trace) => trace.Messages is { Count: > 0 } messages
        ? Write(messages, system: false, finishReason: null)
        : null;

    public static string? Output(LlmTrace trace)
    {
        if (trace.ResponseMessages is { Count: > 0 } messages)
        {
            return Write(messages, system: false, FinishReason(trace));
        }

        return trace.Response is { } text ? Write([new LlmMessage("assistant", text)], system: false, FinishReason(trace)) : null;
    }

    public static string? SystemInstructions(LlmTrace trace)
    {
        if (trace.Messages is not { Count: > 0 } messages || !HasSystemMessage(messages))
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            foreach (var message in messages)
            {
                if (IsSystem(message.Role) && !string.IsNullOrEmpty(message.Content))
                {
                    WriteTextPart(writer, message.Content);
                }
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static bool HasSystemMessage(IEnumerable<LlmMessage>? messages)
    {
        foreach (var message in messages ?? [])
        {
            if (IsSystem(message.Role))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The convention's finish reason of an output message: stop, length, content_filter, tool_call or error.</summary>
    public static string FinishReason(LlmTrace trace)
    {
        if (trace.Error is not null || trace.ErrorType is not null)
        {
            return "error";
        }

        return trace.FinishReason?.ToLowerInvariant() switch
        {
            "length" or "max_tokens" => "length",
            "content_filter" => "content_filter",
            "tool_calls" or "tool_call" or "function_call" or "tool_use" => "tool_call",
            "error" or "cancelled" or "abandoned" => "error",
            _ => "stop",
        };
    }

    private static bool IsSystem(string? role) =>
        string.Equals(role, "system", StringComparison.OrdinalIgnoreCase) || string.Equals(role, "developer", StringComparison.OrdinalIgnoreCase);

    private static string Write(IList<LlmMessage> messages, bool system, string? finishReason)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            foreach (var message in messages)
            {
                if (IsSystem(message.Role) != system)
                {
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteString("role", message.Role?.ToLowerInvariant() ?? "user");
                if (message.Name is { } name)
                {
                    writer.WriteString("name", name);
                }

                writer.WriteStartArray("parts");
                WriteParts(writer, message);
                writer.WriteEndArray();
                if (finishReason is not null)
                {
                    writer.WriteString("finish_reason", finishReason);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteParts(Utf8JsonWriter writer, LlmMessage message)
    {
        if (message.ToolCallId is { } callId)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "tool_call_response");
            writer.WriteString("id", callId);
            writer.WriteString("response", message.Content);
            writer.WriteEndObject();
        }
        else if (!string.IsNullOrEmpty(message.Content))
        {
            WriteTextPart(writer, message.Content);
        }

        foreach (var call in message.ToolCalls ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("type", "tool_call");
            writer.WriteString("id", call.Id);
            writer.WriteString("name", call.Name);
            writer.WriteString("arguments", call.Arguments);
            writer.WriteEndObject();
        }
    }

    private static void WriteTextPart(Utf8JsonWriter writer, string content)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("content", content);
        writer.WriteEndObject();
    }
}
