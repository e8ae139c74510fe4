using System.Globalization;
using System.Text;

namespace LlmIngest.Cli.Output;

/// <summary>
/// Text as the CLI prints it: control characters (C0 except line breaks and tabs where allowed, DEL, C1), the line and
/// paragraph separators, bidirectional controls and lone surrogates are shown as <c>\uXXXX</c>, so a terminal shows
/// what is stored, in the stored order (the "Trojan Source" class, CVE-2021-42574), and a stored escape sequence cannot
/// drive the terminal. Inside a JSON string the escape is the same text, so escaped JSON stays valid JSON.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string text, bool keepLineBreaks = false)
    {
        var first = FirstUnsafe(text, keepLineBreaks);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (IsUnsafe(c, keepLineBreaks))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static int FirstUnsafe(string text, bool keepLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c, keepLineBreaks))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsUnsafe(char c, bool keepLineBreaks) =>
        (c < 0x20 && !(keepLineBreaks && c is '\n' or '\r' or '\t')) || char.IsSurrogate(c) || IsUnsafeDisplay(c);

    // The characters the library's JSON encoder escapes because they reorder, hide or break displayed text (C1 controls,
    // DEL, bidirectional controls, U+2028/9): kept in step with LlmIngest's Utf8JsonTextEncoder.
    private static bool IsUnsafeDisplay(char c) =>
        c is (>= '\u007F' and <= '\u009F') or '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E')
            or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';
}
