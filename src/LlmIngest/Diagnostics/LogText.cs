using System.Text.Json;
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

        var redacted = text;
        if (redactor is not null)
        {
            try
            {
                redacted = redactor.Redact(text, new RedactionCounts());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A failing redactor must not leak what it could not redact.
                return "(not shown: redaction failed)";
            }
        }

        var cut = redacted.Length > MaxLength ? string.Concat(redacted.AsSpan(0, char.IsHighSurrogate(redacted[MaxLength - 1]) ? MaxLength - 1 : MaxLength), "…") : redacted;
        return NeedsEscaping(cut) ? JsonEncodedText.Encode(cut, Utf8JsonTextEncoder.Instance).ToString() : cut;
    }

    private static bool NeedsEscaping(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 || char.IsSurrogate(c) || Utf8JsonTextEncoder.IsUnsafeDisplay(c))
            {
                return true;
            }
        }

        return false;
    }
}
