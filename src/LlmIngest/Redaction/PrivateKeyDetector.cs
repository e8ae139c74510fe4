namespace LlmIngest.Redaction;

/// <summary>
/// PEM private key blocks (<c>-----BEGIN RSA PRIVATE KEY-----</c> … <c>-----END RSA PRIVATE KEY-----</c>, also EC, DSA,
/// OPENSSH, ENCRYPTED and PGP private key blocks), replaced whole. A block cut off before its END line (a truncated log)
/// is replaced up to the end of its base64 body.
/// </summary>
internal sealed class PrivateKeyDetector : IPiiDetector
{
    private const string Begin = "-----BEGIN ";
    private const string Dashes = "-----";
    private const int MaxLabelLength = 40;

    public string Kind => "private_key";

    public string Marker => "[PRIVATE_KEY]";

    public FindingShape Shape => FindingShape.Opaque;

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        var position = 0;
        while (position < text.Length)
        {
            var begin = text.IndexOf(Begin, position, StringComparison.Ordinal);
            if (begin < 0)
            {
                return;
            }

            var labelStart = begin + Begin.Length;
            var labelLength = text.AsSpan(labelStart, Math.Min(MaxLabelLength, text.Length - labelStart)).IndexOf(Dashes, StringComparison.Ordinal);
            if (labelLength < 0 || !IsPrivateKeyLabel(text.AsSpan(labelStart, labelLength)))
            {
                position = labelStart;
                continue;
            }

            var bodyStart = labelStart + labelLength + Dashes.Length;
            var end = FindEnd(text, bodyStart, text.AsSpan(labelStart, labelLength));
            matches.Add(new RedactionMatch(begin, end - begin, priority, this));
            position = end;
        }
    }

    private static bool IsPrivateKeyLabel(ReadOnlySpan<char> label) =>
        label.EndsWith("PRIVATE KEY", StringComparison.Ordinal) || label.EndsWith("PRIVATE KEY BLOCK", StringComparison.Ordinal);

    // The END line of the same label, or else the end of the base64 body. Never looks further than the next BEGIN,
    // so a text full of BEGIN lines without END lines stays linear.
    private static int FindEnd(string text, int bodyStart, ReadOnlySpan<char> label)
    {
        var nextBegin = text.IndexOf(Begin, bodyStart, StringComparison.Ordinal);
        var limit = nextBegin < 0 ? text.Length : nextBegin;
        var body = text.AsSpan(bodyStart, limit - bodyStart);
        var endLine = body.IndexOf("-----END ", StringComparison.Ordinal);
        if (endLine >= 0)
        {
            var afterEnd = body[(endLine + 9)..];
            if (afterEnd.StartsWith(label, StringComparison.Ordinal) && afterEnd[label.Length..].StartsWith(Dashes, StringComparison.Ordinal))
            {
                return bodyStart + endLine + 9 + label.Length + Dashes.Length;
            }
        }

        var i = bodyStart;
        while (i < limit && IsBodyChar(text[i]))
        {
            i++;
        }

        return i;
    }

    // Base64, line breaks and the "Proc-Type: 4,ENCRYPTED" style headers of legacy encrypted keys.
    private static bool IsBodyChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '\r' or '\n' or ' ' or '\t' or ':' or ',' or '-' or '\\';
}
