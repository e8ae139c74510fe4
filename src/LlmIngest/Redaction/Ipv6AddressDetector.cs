using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// IPv6 addresses, full (<c>2001:0db8:85a3:0000:0000:8a2e:0370:7334</c>) or compressed (<c>2001:db8::1</c>,
/// <c>fe80::1%eth0</c>, <c>::ffff:192.0.2.1</c>), confirmed by <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/>.
/// Times (<c>12:30:45</c>), MAC addresses and C++ scopes (<c>std::vector</c>) do not parse or do not have the shape.
/// </summary>
internal sealed partial class Ipv6AddressDetector : RegexDetector
{
    public override string Kind => "ip";

    public override string Marker => "[IP]";

    protected override Regex Pattern => Ipv6Pattern();

    // Eight groups, an embedded IPv4 part and a zone id.
    protected override int WindowLength => 256;

    protected override int MaxFindingLength => 64;

    // A colon with a hex digit or another colon next to it and a second colon within five characters.
    protected override int NextAnchor(string text, int from, Span<int> found)
    {
        for (var i = text.IndexOf(':', from); i >= 0 && i + 2 < text.Length; i = text.IndexOf(':', i + 1))
        {
            var window = text.AsSpan(i + 1, Math.Min(5, text.Length - i - 1));
            if (window.Contains(':') && (char.IsAsciiHexDigit(text[i + 1]) || text[i + 1] == ':'))
            {
                return i;
            }
        }

        return -1;
    }

    protected override int WindowStart(string text, int anchor) => anchor - 5;

    protected override int ValidatedLength(string text, int index, int length)
    {
        var candidate = text.AsSpan(index, length);
        var compressed = candidate.Contains("::", StringComparison.Ordinal);
        var groups = candidate.Count(':') + 1;
        if (!compressed && groups < 8 && !candidate.Contains('.'))
        {
            return 0;
        }

        // "::" alone, "a::b" and similar need at least two groups with hex digits to look like an address at all.
        if (compressed && CountHexGroups(candidate) < 2 && !candidate.StartsWith("::ffff:", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        return IPAddress.TryParse(candidate, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? length : 0;
    }

    private static int CountHexGroups(ReadOnlySpan<char> candidate)
    {
        var groups = 0;
        var inGroup = false;
        foreach (var c in candidate)
        {
            if (char.IsAsciiHexDigit(c))
            {
                if (!inGroup)
                {
                    groups++;
                }

                inGroup = true;
            }
            else
            {
                inGroup = false;
            }
        }

        return groups;
    }

    // Up to eight groups of up to four hex digits, optionally ending in a dotted IPv4 part and a zone; bounded.
    [GeneratedRegex(
        @"(?<![\w:.])(?:[0-9A-Fa-f]{1,4}|:)(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?<=:)(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})?(?:%[0-9A-Za-z]{1,15})?(?![\w:]|\.\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Pattern();
}
