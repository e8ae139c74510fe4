using System.Buffers;

namespace LlmIngest.Redaction;

/// <summary>Character tests shared by the secret detectors.</summary>
internal static class TokenText
{
    /// <summary>Letters, digits, <c>_</c> and <c>-</c>.</summary>
    public static readonly SearchValues<char> Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    /// <summary>Whether the character belongs to a base64url-style token (letters, digits, <c>_</c>, <c>-</c>).</summary>
    public static bool IsTokenChar(char c) => Chars.Contains(c);

    /// <summary>
    /// True when the finding is not glued to more token characters on either side; a JSON escape before it
    /// (<c>\nghp_…</c> inside an encoded string) counts as a separator.
    /// </summary>
    public static bool IsStandalone(string text, int index, int length) =>
        IsStartBoundary(text, index) && (index + length >= text.Length || !IsTokenChar(text[index + length]));

    /// <summary>
    /// Whether the span mixes lower case, upper case and digits, as random keys do and words, hex hashes and
    /// kebab-case names (<c>sk-learn-compatible-models</c>) do not.
    /// </summary>
    public static bool LooksRandom(ReadOnlySpan<char> span)
    {
        return span.IndexOfAnyInRange('a', 'z') >= 0
            && span.IndexOfAnyInRange('A', 'Z') >= 0
            && span.IndexOfAnyInRange('0', '9') >= 0;
    }

    /// <summary>
    /// Whether a token may start at <paramref name="index"/>: at the start of the text, after a character that is not a
    /// token character, or right after a JSON escape (<c>\n</c>, <c>\t</c>, <c>\r</c>) inside an encoded string.
    /// </summary>
    public static bool IsStartBoundary(string text, int index) =>
        index == 0
        || !IsTokenChar(text[index - 1])
        || (index >= 2 && text[index - 2] == '\\' && text[index - 1] is 'n' or 't' or 'r');

    /// <summary>Whether the span holds at least two of lower case, upper case and digits, as random keys of any alphabet do.</summary>
    public static bool MixesClasses(ReadOnlySpan<char> span)
    {
        var classes = (span.IndexOfAnyInRange('a', 'z') >= 0 ? 1 : 0)
            + (span.IndexOfAnyInRange('A', 'Z') >= 0 ? 1 : 0)
            + (span.IndexOfAnyInRange('0', '9') >= 0 ? 1 : 0);
        return classes >= 2;
    }
}
