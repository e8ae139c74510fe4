namespace LlmIngest.Redaction;

/// <summary>
/// Redacts a trace's attributes, keys and values alike, copying the dictionary only when something changed and keeping
/// keys unique after sanitizing and redaction.
/// </summary>
internal static class TraceAttributes
{
    public static IDictionary<string, string>? Redact(TraceRedactor redactor, IDictionary<string, string>? attributes, RedactionCounts counts)
    {
        if (attributes is not { Count: > 0 })
        {
            return attributes;
        }

        Dictionary<string, string>? copy = null;
        foreach (var (key, value) in attributes)
        {
            var safeKey = redactor.Apply(WellFormed(key), counts)!;
            var redacted = redactor.Apply(value, counts);
            if (copy is null && ReferenceEquals(safeKey, key) && ReferenceEquals(redacted, value))
            {
                continue;
            }

            copy ??= CopyUntil(attributes, key);

            // Keys that differ only in what sanitizing or redaction replaced ("a\uD800" and "a\uD801", two addresses)
            // would become one JSON key twice: the later ones get a "~2", "~3" suffix instead.
            var unique = safeKey;
            for (var n = 2; copy.ContainsKey(unique); n++)
            {
                unique = string.Concat(safeKey, "~", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            copy[unique] = redacted!;
        }

        return copy ?? attributes;
    }

    private static Dictionary<string, string> CopyUntil(IDictionary<string, string> attributes, string stop)
    {
        var copy = new Dictionary<string, string>(attributes.Count, StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            if (string.Equals(key, stop, StringComparison.Ordinal))
            {
                break;
            }

            copy[key] = value;
        }

        return copy;
    }

    /// <summary>Replaces lone surrogates with U+FFFD, as the JSON writer would, so collisions are seen before writing.</summary>
    private static string WellFormed(string text)
    {
        var span = text.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsSurrogate(span[i]) && !(char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1])))
            {
                return string.Create(text.Length, text, static (destination, source) =>
                {
                    for (var j = 0; j < source.Length; j++)
                    {
                        var c = source[j];
                        if (char.IsHighSurrogate(c) && j + 1 < source.Length && char.IsLowSurrogate(source[j + 1]))
                        {
                            destination[j] = c;
                            destination[j + 1] = source[j + 1];
                            j++;
                        }
                        else
                        {
                            destination[j] = char.IsSurrogate(c) ? '\uFFFD' : c;
                        }
                    }
                });
            }

            if (char.IsHighSurrogate(span[i]))
            {
                i++;
            }
        }

        return text;
    }
}
