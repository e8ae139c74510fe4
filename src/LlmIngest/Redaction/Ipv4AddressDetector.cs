using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// IPv4 addresses in dotted-quad form (<c>203.0.113.42</c>, optionally with a <c>/24</c> prefix length or <c>:8080</c> port
/// left in place). Four-part version numbers are left alone when introduced as versions (<c>v1.2.3.4</c>, <c>version 10.0.0.1</c>, <c>build 2.0.15.0</c>).
/// </summary>
internal sealed partial class Ipv4AddressDetector : RegexDetector
{
    public override string Kind => "ip";

    public override string Marker => "[IP]";

    protected override Regex Pattern => Ipv4Pattern();

    // A short window: the regex tries every digit in it, and each address has an anchor of its own (its first dot).
    protected override int WindowLength => 32;

    protected override int MaxFindingLength => 16;

    // The first dot with a digit on each side.
    protected override int NextAnchor(string text, int from, Span<int> found)
    {
        for (var i = text.IndexOf('.', Math.Max(from, 1)); i >= 0 && i + 1 < text.Length; i = text.IndexOf('.', i + 1))
        {
            if (char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]))
            {
                return i;
            }
        }

        return -1;
    }

    protected override int WindowStart(string text, int anchor) => anchor - 3;

    protected override int ValidatedLength(string text, int index, int length)
    {
        // "version 10.0.0.1", "build 2.0.15.0", "release 1.2.3.4": four-part version numbers, not addresses.
        var before = text.AsSpan(0, index).TrimEnd(' ');
        var word = before[(before.LastIndexOf(' ') + 1)..];
        return word.Equals("version", StringComparison.OrdinalIgnoreCase)
            || word.Equals("build", StringComparison.OrdinalIgnoreCase)
            || word.Equals("release", StringComparison.OrdinalIgnoreCase)
            || word.Equals("ver", StringComparison.OrdinalIgnoreCase)
            ? 0
            : length;
    }

    // Each octet is 0-255 with no leading zeros; bounded, so backtracking is constant per position.
    [GeneratedRegex(
        @"(?<![\w.-])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\w-]|\.\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();
}
