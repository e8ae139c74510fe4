using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// IBANs, compact (<c>DE89370400440532013000</c>) or in groups (<c>DE89 3704 0044 0532 0130 00</c>): the finding is cut
/// to the length registered for its country and must pass the mod-97 check. Lower case (<c>de89 3704 …</c>) is an IBAN too:
/// people and forms write it that way, and the checksum, not the case, is what sets it apart from other codes.
/// </summary>
internal sealed partial class IbanDetector : RegexDetector
{
    public override string Kind => "iban";

    public override string Marker => "[IBAN]";

    public override FindingShape Shape => FindingShape.Number;

    protected override Regex Pattern => IbanStart();

    protected override int WindowLength => 256;

    protected override int MaxFindingLength => 8;

    // The first check digit: two letters of one case before it, a digit after it.
    protected override int NextAnchor(string text, int from, Span<int> found)
    {
        var i = Math.Max(from, 2);
        while (i < text.Length - 1)
        {
            var next = text.AsSpan(i).IndexOfAnyInRange('0', '9');
            if (next < 0)
            {
                return -1;
            }

            i += next;
            if (i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && IsCountryCode(text[i - 2], text[i - 1])
                && (i < 3 || !char.IsAsciiLetterOrDigit(text[i - 3])) && IsRegisteredCountry(text[i - 2], text[i - 1]))
            {
                return i;
            }

            i = EndOfDigits(text, i);
        }

        return -1;
    }

    protected override int WindowStart(string text, int anchor) => anchor - 2;

    protected override int ValidatedLength(string text, int index, int length)
    {
        Span<char> country = [char.ToUpperInvariant(text[index]), char.ToUpperInvariant(text[index + 1])];
        var expected = IbanValidator.LengthOf(country);
        if (expected == 0)
        {
            return 0;
        }

        // Walk the letters and digits, allowing single spaces or dashes between them, until the country's length is reached.
        var seen = 0;
        var i = index;
        while (i < text.Length && seen < expected)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                seen++;
                i++;
            }
            else if (c is ' ' or '-' && seen >= 4 && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        if (seen != expected || (i < text.Length && char.IsAsciiLetterOrDigit(text[i])))
        {
            return 0;
        }

        return IbanValidator.HasValidChecksum(text.AsSpan(index, i - index)) ? i - index : 0;
    }

    // Letter pairs before two digits are common in code and hashes (sha256, utf8): only the IBAN countries start a window.
    private static bool IsRegisteredCountry(char first, char second)
    {
        Span<char> country = [char.ToUpperInvariant(first), char.ToUpperInvariant(second)];
        return IbanValidator.LengthOf(country) > 0;
    }

    private static bool IsCountryCode(char first, char second) =>
        (char.IsAsciiLetterUpper(first) && char.IsAsciiLetterUpper(second)) || (char.IsAsciiLetterLower(first) && char.IsAsciiLetterLower(second));

    // Only where an IBAN could start: the walk above finds where it ends.
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:[A-Z]{2}|[a-z]{2})\d{2}[ -]?[A-Za-z0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex IbanStart();
}
