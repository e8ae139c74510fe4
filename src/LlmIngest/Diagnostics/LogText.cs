using LlmIngest.Redaction;

namespace LlmIngest.Diagnostics;

/// <summary>
/// Caller text as the library's own log messages may show it: redacted, cut to <see cref="MaxLength"/> characters, and
/// with control, bidirectional and ill-formed characters escaped, so a log line never carries PII, never reorders on a
/// terminal, and never spans lines.
/// </summary>
internal static class LogText
{
    public const int MaxLength = 64;

    public static string Safe(string? text, IRedactor? redactor)
    {
        if (text is null)
        {
            return "(null)";
        }

        // Only the start is ever shown: redacting a 50 MB id on the caller's thread would cost what showing it does not.
        // A finding that starts within the shown part ends within the first 4x of it.
        var redacted = text.Length > 4 * MaxLength ? text[..(4 * MaxLength)] : text;
        if (redactor is not null)
        {
            try
            {
                redacted = redactor.Redact(redacted, new RedactionCounts());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A failing redactor must not leak what it could not redact.
                return "(not shown: redaction failed)";
            }
        }

        var cut = redacted.Length > MaxLength ? string.Concat(redacted.AsSpan(0, char.IsHighSurrogate(redacted[MaxLength - 1]) ? MaxLength - 1 : MaxLength), "…") : redacted;
        return Escape(cut);
    }

    /// <summary>Control, bidirectional and separator characters and lone surrogates as <c>\uXXXX</c>; the rest as is.</summary>
    private static string Escape(string text)
    {
        System.Text.StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (c < 0x20 || char.IsSurrogate(c) || Utf8JsonTextEncoder.IsUnsafeDisplay(c))
            {
                builder ??= new System.Text.StringBuilder(text.Length + 16).Append(text, 0, i);
                builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? text;
    }
}
