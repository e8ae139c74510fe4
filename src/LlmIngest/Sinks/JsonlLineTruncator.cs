using System.Text.Json.Nodes;

namespace LlmIngest.Sinks;

/// <summary>
/// Cuts an over-long JSONL line down to the line size cap: the largest free-text fields (an error, a session id, the
/// tags, previews…) are cut first, each to at most half its length, and the line lists them in <c>truncated</c>. The full
/// text stays in the payload. Works on the line's JSON, so every line type and future field is covered alike.
/// </summary>
internal static class JsonlLineTruncator
{
    /// <summary>Characters of a cut string that are always kept.</summary>
    public const int MinimumKept = 16;

    public const string Marker = "…";

    /// <summary>Fields never cut: ids and keys that join the line to its payload (all bounded by validation).</summary>
    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "schema_version", "trace_id", "span_id", "parent_span_id", "tenant_id", "timestamp", "payload_key", "payload_sha256",
        "duplicate_of", "truncated", "sanitized", "redactions",
    };

    /// <summary>Cuts the largest field one step; false when nothing is left to cut.</summary>
    public static bool CutOnce(JsonObject line, int excessBytes, List<string> truncated, HashSet<string> exhausted)
    {
        string? name = null;
        var largest = 0L;
        foreach (var (key, value) in line)
        {
            if (Kept.Contains(key) || exhausted.Contains(key))
            {
                continue;
            }

            var size = SizeOf(value);
            if (size > largest)
            {
                largest = size;
                name = key;
            }
        }

        if (name is null)
        {
            return false;
        }

        var node = line[name];
        var cut = node switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) => CutString(text, excessBytes) is { } shorter && (line[name] = shorter) is not null,
            JsonArray array => CutArray(array, excessBytes),
            _ => false,
        };

        if (!cut)
        {
            // A field that cannot get any shorter is left as it is, and is not a candidate again.
            exhausted.Add(name);
            return true;
        }

        if (!truncated.Contains(name))
        {
            truncated.Add(name);
        }

        return true;
    }

    private static long SizeOf(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => text.Length > MinimumKept + Marker.Length ? text.Length : 0,
        JsonArray array => SizeOf(array),
        _ => 0,
    };

    private static long SizeOf(JsonArray array)
    {
        long size = array.Count > 1 ? array.Count * 3L : 0;
        foreach (var item in array)
        {
            size += SizeOf(item);
        }

        return size;
    }

    private static string? CutString(string text, int excessBytes)
    {
        if (text.Length <= MinimumKept + Marker.Length)
        {
            return null;
        }

        var length = Math.Max(MinimumKept, Math.Min(text.Length / 2, text.Length - excessBytes));
        if (char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return string.Concat(text.AsSpan(0, length), Marker);
    }

    private static bool CutArray(JsonArray array, int excessBytes)
    {
        if (array.Count > 1)
        {
            // Many short items (10,000 tags): keep the first half.
            var keep = array.Count / 2;
            while (array.Count > keep)
            {
                array.RemoveAt(array.Count - 1);
            }

            return true;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.TryGetValue<string>(out var text) && CutString(text, excessBytes) is { } shorter)
            {
                array[i] = shorter;
                return true;
            }
        }

        return false;
    }
}
