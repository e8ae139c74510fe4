using System.Globalization;
using System.Text;

namespace LlmIngest.Processing;

/// <summary>
/// Cuts an over-cap payload to fit <c>Storage:MaxPayloadBytes</c>: the longest texts first (message contents, the
/// response, tool arguments and schemas), all down to one common length, each cut ending with <c>…[truncated N bytes]</c>
/// (N = the UTF-8 bytes removed), so short texts stay whole and a reader sees where and how much was cut.
/// </summary>
internal static class PayloadTruncator
{
    /// <summary>Room kept for each marker: every removed character saves at least one serialized byte, a marker adds fewer than this.</summary>
    private const int MarkerAllowance = 40;

    /// <summary>Cuts the trace's texts by at least <paramref name="excessBytes"/> serialized bytes; false when it has nothing to cut.</summary>
    public static bool Cut(LlmTrace trace, long excessBytes)
    {
        Detach(trace);
        var fields = new List<TextField>();
        Collect(trace, fields);
        if (fields.Count == 0)
        {
            return false;
        }

        var keep = KeepLength(fields, excessBytes);
        var cut = false;
        foreach (var field in fields)
        {
            var text = field.Get();
            if (text.Length <= keep)
            {
                continue;
            }

            var end = keep;
            if (end > 0 && char.IsHighSurrogate(text[end - 1]))
            {
                end--; // never split a surrogate pair
            }

            var removed = Encoding.UTF8.GetByteCount(text.AsSpan(end));
            field.Set(string.Concat(text.AsSpan(0, end), Marker(removed)));
            cut = true;
        }

        return cut;
    }

    public static string Marker(long removedBytes) => string.Create(CultureInfo.InvariantCulture, $"…[truncated {removedBytes:N0} bytes]");

    /// <summary>The largest length L such that cutting every text longer than L to L (plus its marker) removes enough.</summary>
    private static int KeepLength(List<TextField> fields, long excessBytes)
    {
        int low = 0, high = 0;
        foreach (var field in fields)
        {
            high = Math.Max(high, field.Get().Length);
        }

        while (low < high)
        {
            var mid = low + ((high - low + 1) / 2);
            if (Saved(fields, mid) >= excessBytes)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    private static long Saved(List<TextField> fields, int keep)
    {
        long saved = 0;
        foreach (var field in fields)
        {
            var length = field.Get().Length;
            if (length > keep)
            {
                saved += length - keep - MarkerAllowance;
            }
        }

        return saved;
    }

    /// <summary>Copies the messages, tool calls and tools the cut may change: they may be the app's own objects.</summary>
    private static void Detach(LlmTrace trace)
    {
        trace.Messages = CopyMessages(trace.Messages);
        trace.ResponseMessages = CopyMessages(trace.ResponseMessages);
        if (trace.Tools is { } tools)
        {
            var copy = new List<LlmToolDefinition>(tools.Count);
            foreach (var tool in tools)
            {
                copy.Add(tool is null ? tool! : new LlmToolDefinition { Name = tool.Name, Description = tool.Description, ParametersSchema = tool.ParametersSchema });
            }

            trace.Tools = copy;
        }
    }

    private static List<LlmMessage>? CopyMessages(IList<LlmMessage>? messages)
    {
        if (messages is null)
        {
            return null;
        }

        var copy = new List<LlmMessage>(messages.Count);
        foreach (var m in messages)
        {
            List<LlmToolCall>? calls = null;
            if (m?.ToolCalls is { } toolCalls)
            {
                calls = new List<LlmToolCall>(toolCalls.Count);
                foreach (var c in toolCalls)
                {
                    calls.Add(c is null ? c! : new LlmToolCall { Id = c.Id, Name = c.Name, Arguments = c.Arguments });
                }
            }

            if (m is null)
            {
                copy.Add(m!);
                continue;
            }

            var changed = m.Copy();
            changed.ToolCalls = calls;
            copy.Add(changed);
        }

        return copy;
    }

    private static void Collect(LlmTrace trace, List<TextField> fields)
    {
        Add(fields, () => trace.Response, v => trace.Response = v);
        CollectMessages(trace.Messages, fields);
        CollectMessages(trace.ResponseMessages, fields);
        if (trace.Tools is { } tools)
        {
            foreach (var tool in tools)
            {
                if (tool is not null)
                {
                    Add(fields, () => tool.ParametersSchema, v => tool.ParametersSchema = v);
                    Add(fields, () => tool.Description, v => tool.Description = v);
                }
            }
        }
    }

    private static void CollectMessages(IList<LlmMessage>? messages, List<TextField> fields)
    {
        if (messages is null)
        {
            return;
        }

        foreach (var message in messages)
        {
            if (message is null)
            {
                continue;
            }

            Add(fields, () => message.Content, v => message.Content = v);
            if (message.ToolCalls is { } calls)
            {
                foreach (var call in calls)
                {
                    if (call is not null)
                    {
                        Add(fields, () => call.Arguments, v => call.Arguments = v);
                    }
                }
            }
        }
    }

    private static void Add(List<TextField> fields, Func<string?> get, Action<string> set)
    {
        if (get() is { Length: > MarkerAllowance * 2 })
        {
            fields.Add(new TextField(() => get()!, set));
        }
    }

    private readonly record struct TextField(Func<string> Get, Action<string> Set);
}
