using System.Text;
using System.Text.Json;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>
/// One line of the JSONL preview log, read with plain <see cref="JsonDocument"/> by its snake_case names, so the
/// tests check the file format itself rather than the library's own deserializer.
/// </summary>
internal sealed record PreviewLogLine(
    string Text,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    int Step,
    string TenantId,
    string PayloadKey,
    string PayloadSha256,
    long PayloadBytes,
    bool PayloadStored,
    string? Error,
    string? ErrorType,
    IReadOnlyDictionary<string, int> Redactions)
{
    /// <summary>
    /// Every call's line of every <c>*.jsonl</c> file in <paramref name="folder"/>, in file-name then line order.
    /// Operations' own lines (the ones with <c>calls</c>, written when the demo's operations end) have no payload and are left out.
    /// </summary>
    public static List<PreviewLogLine> ReadFolder(string folder)
    {
        var lines = new List<PreviewLogLine>();
        var files = Directory.GetFiles(folder, "*.jsonl");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var text in File.ReadAllLines(file, Encoding.UTF8))
            {
                if (text.Length > 0 && !IsOperationLine(text))
                {
                    lines.Add(Parse(text));
                }
            }
        }

        return lines;
    }

    /// <summary>An operation's own line (it has <c>calls</c>): it sums calls that have lines and payloads of their own.</summary>
    public static bool IsOperationLine(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.TryGetProperty("calls", out _);
    }

    public static PreviewLogLine Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var redactions = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty("redactions", out var counts))
        {
            foreach (var kind in counts.EnumerateObject())
            {
                redactions[kind.Name] = kind.Value.GetInt32();
            }
        }

        return new PreviewLogLine(
            text,
            root.GetProperty("trace_id").GetString()!,
            root.GetProperty("span_id").GetString()!,
            Optional(root, "parent_span_id"),
            root.GetProperty("step").GetInt32(),
            root.GetProperty("tenant_id").GetString()!,
            root.GetProperty("payload_key").GetString()!,
            root.GetProperty("payload_sha256").GetString()!,
            root.GetProperty("payload_bytes").GetInt64(),
            root.GetProperty("payload_stored").GetBoolean(),
            Optional(root, "error"),
            Optional(root, "error_type"),
            redactions);
    }

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
