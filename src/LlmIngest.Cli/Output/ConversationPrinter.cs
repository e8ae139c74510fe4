using System.Globalization;
using System.Text;

namespace LlmIngest.Cli.Output;

/// <summary>Writes a trace's calls as a readable conversation: roles, messages, tool calls, response, usage, cost and error.</summary>
internal static class ConversationPrinter
{
    private const string Indent = "    ";

    public static string Format(LlmTrace trace, string spanId, string verification)
    {
        var text = new StringBuilder();
        var model = trace.ResponseModel is { } answered && answered != trace.Model ? $"{trace.Model} → {answered}" : trace.Model ?? "(model unknown)";
        text.Append(CultureInfo.InvariantCulture, $"── step {trace.Step} · span {spanId} · {model}");
        if (trace.FunctionName is not null)
        {
            text.Append(" · ").Append(trace.FunctionName);
        }

        text.Append(" · ").Append(trace.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append('\n');
        if (trace.ParentSpanId is not null)
        {
            text.Append("  parent span ").Append(trace.ParentSpanId).Append('\n');
        }

        text.Append("  ").Append(verification).Append('\n');
        foreach (var message in trace.Messages ?? [])
        {
            AppendMessage(text, message);
        }

        text.Append("  ── response");
        if (trace.FinishReason is not null)
        {
            text.Append(" (").Append(trace.FinishReason).Append(')');
        }

        text.Append('\n');
        if (trace.ResponseMessages is { Count: > 0 } responses)
        {
            foreach (var message in responses)
            {
                AppendMessage(text, message);
            }
        }
        else if (trace.Response is not null)
        {
            AppendBlock(text, "[assistant] ", trace.Response);
        }

        text.Append("  ").Append(Usage(trace)).Append('\n');
        if (trace.Error is not null || trace.ErrorType is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  error [{trace.ErrorType ?? "unknown"}] {trace.Error}\n");
            foreach (var suggestion in trace.ErrorSuggestions ?? [])
            {
                text.Append("    try: ").Append(suggestion).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Usage(LlmTrace trace)
    {
        var parts = new List<string>(5);
        if (trace.PromptTokens is not null || trace.CompletionTokens is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"tokens {trace.PromptTokens ?? 0} in / {trace.CompletionTokens ?? 0} out"));
        }

        parts.Add(string.Create(CultureInfo.InvariantCulture, $"latency {trace.LatencyMs:0} ms"));
        if (trace.TimeToFirstTokenMs is { } ttft)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"first token {ttft:0} ms"));
        }

        parts.Add(trace.CostUsd is { } cost ? string.Create(CultureInfo.InvariantCulture, $"cost ${cost:0.######}") : "cost unknown");
        return string.Join(" · ", parts);
    }

    private static void AppendMessage(StringBuilder text, LlmMessage message)
    {
        var role = message.Role ?? "?";
        var label = message.ToolCallId is not null ? $"[{role} {message.ToolCallId}] " : message.Name is not null ? $"[{role} {message.Name}] " : $"[{role}] ";
        var hasText = !string.IsNullOrEmpty(message.Content);
        if (hasText)
        {
            AppendBlock(text, label, message.Content!);
        }

        foreach (var call in message.ToolCalls ?? [])
        {
            text.Append("  ").Append(label).Append(CultureInfo.InvariantCulture, $"→ tool call {call.Name}({call.Arguments}) id {call.Id}\n");
        }

        foreach (var media in message.Media ?? [])
        {
            text.Append("  ").Append(label).Append("⧉ ").Append(MediaLine(media)).Append('\n');
        }

        if (!hasText && message.ToolCalls is not { Count: > 0 } && message.Media is not { Count: > 0 })
        {
            text.Append("  ").Append(label).Append("(empty)\n");
        }
    }

    /// <summary>A media reference: type, size, SHA-256 and where it is (or that only the reference was kept).</summary>
    public static string MediaLine(LlmMediaReference media)
    {
        var parts = new List<string>(5) { "media " + (media.MediaType ?? "?") };
        if (media.Name is not null)
        {
            parts.Add('"' + media.Name + '"');
        }

        if (media.Length is { } length)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{length:N0} bytes"));
        }

        if (media.Sha256 is not null)
        {
            parts.Add("sha256 " + media.Sha256);
        }

        parts.Add(media.Uri is null ? "(reference only, not stored)" : media.Stored ? media.Uri : media.Uri + " (not fetched)");
        return string.Join(" · ", parts);
    }

    private static void AppendBlock(StringBuilder text, string label, string content)
    {
        var lines = content.Split('\n');
        text.Append("  ").Append(label).Append(lines[0].TrimEnd('\r')).Append('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            text.Append(Indent).Append(lines[i].TrimEnd('\r')).Append('\n');
        }
    }
}
