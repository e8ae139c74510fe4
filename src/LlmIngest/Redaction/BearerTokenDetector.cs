using System.Buffers;

namespace LlmIngest.Redaction;

/// <summary>
/// The credential after <c>Bearer</c> (as in <c>Authorization: Bearer …</c>); the scheme is kept so the header stays
/// readable. The value must hold a digit, so prose such as "bearer authentication" is left alone.
/// </summary>
internal sealed class BearerTokenDetector : IPiiDetector
{
    private const int MaxTokenLength = 1024;
    private const int MaxBlanks = 4;

    // One case-insensitive vectorized search instead of a regex window per mention: the scan after "Bearer" is a
    // bounded character loop, which keeps both prose and 1 MB of "Bearer " linear.
    private static readonly SearchValues<string> Scheme = SearchValues.Create(["bearer"], StringComparison.OrdinalIgnoreCase);

    // The token68 alphabet of RFC 7235, without its '=' padding.
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/-");

    public string Kind => "bearer_token";

    public string Marker => "[BEARER_TOKEN]";

    public FindingShape Shape => FindingShape.Opaque;

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        var from = 0;
        while (from < text.Length)
        {
            var next = text.AsSpan(from).IndexOfAny(Scheme);
            if (next < 0)
            {
                return;
            }

            var anchor = from + next;
            from = anchor + 6;
            if (anchor > 0 && (char.IsLetterOrDigit(text[anchor - 1]) || text[anchor - 1] == '_'))
            {
                continue;
            }

            var start = from;
            while (start < text.Length && start - from < MaxBlanks && text[start] is ' ' or '\t')
            {
                start++;
            }

            if (start == from)
            {
                continue;
            }

            var end = start;
            while (end < text.Length && end - start < MaxTokenLength && TokenChars.Contains(text[end]))
            {
                end++;
            }

            if (end - start < 8 || text.AsSpan(start, end - start).IndexOfAnyInRange('0', '9') < 0)
            {
                continue;
            }

            while (end < text.Length && text[end] == '=')
            {
                end++;
            }

            matches.Add(new RedactionMatch(start, end - start, priority, this));
            from = end;
        }
    }
}
