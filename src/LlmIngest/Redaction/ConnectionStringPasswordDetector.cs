using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// The value of a password setting: <c>Password=…;</c> and <c>Pwd=…</c> in connection strings, <c>password: …</c> and
/// <c>"password": "…"</c> in config and JSON. The key is kept, only the value is replaced.
/// </summary>
internal sealed partial class ConnectionStringPasswordDetector : RegexDetector
{
    public override string Kind => "password";

    public override string Marker => "[PASSWORD]";

    protected override Regex Pattern => PasswordValuePattern();

    protected override int WindowLength => 1024;

    protected override int MaxFindingLength => 300;

    private static readonly string[] Spellings = ["assw", "ASSW", "pwd", "Pwd", "PWD"];

    protected override int NextAnchor(string text, int from, Span<int> found)
    {
        var index = IndexOfAny(text, from, Spellings, found);
        return index > 0 && text[index] != 'p' && text[index] != 'P' ? index - 1 : index;
    }

    // The lookbehind is bounded (a key of at most 8 letters, a quote, up to 3 spaces around the separator), so each
    // position costs a constant; the value stops at ; quote, whitespace, comma or closing brace.
    [GeneratedRegex(
        @"(?<=(?i:password|passwd|pwd)[""']?[ \t]{0,3}[=:][ \t]{0,3}[""']?)[^\s;'"",}]{1,256}",
        RegexOptions.CultureInvariant)]
    private static partial Regex PasswordValuePattern();
}
