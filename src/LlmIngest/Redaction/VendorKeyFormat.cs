using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// One vendor's key shape (GitLab's <c>glpat-…</c>, npm's <c>npm_…</c>): the literals every key contains (its anchors),
/// a bounded regex that matches the whole key from <see cref="LookBehind"/> characters before an anchor, and an optional
/// check that cuts look-alikes. <see cref="VendorKeyDetector"/> searches the anchors of all formats at once; a format is
/// also a detector of its own (its kind and marker are what a finding reports), which tests use.
/// </summary>
internal sealed class VendorKeyFormat : IPiiDetector
{
    private readonly Regex _pattern;
    private readonly Func<ReadOnlySpan<char>, bool>? _isKey;
    private readonly int _secretGroup;
    private readonly bool _inUrl;

    /// <param name="vendor">Who issues the key, for documentation and test names.</param>
    /// <param name="kind">The kind counted, e.g. <c>gitlab_token</c>.</param>
    /// <param name="anchors">Ordinal literals each key contains; the finding starts at most <paramref name="lookBehind"/> characters before one.</param>
    /// <param name="pattern">
    /// Bounded regex for the whole key. With <paramref name="lookBehind"/> 0 it starts with <c>\G</c> (tried at the anchor only);
    /// a group named <c>secret</c> limits the finding to that part (a webhook URL keeps its host).
    /// </param>
    /// <param name="maxLength">The longest key, so the regex only reads a window after the anchor.</param>
    /// <param name="lookBehind">How far before the anchor a key may start (a suffix such as Mailchimp's <c>-us12</c>).</param>
    /// <param name="isKey">A check on the finding (e.g. that it mixes letters and digits), or null.</param>
    /// <param name="inUrl">Whether the anchor is a host in a URL, so it follows '/' or '.'; keys may follow neither.</param>
    public VendorKeyFormat(
        string vendor,
        string kind,
        string[] anchors,
        Regex pattern,
        int maxLength,
        int lookBehind = 0,
        Func<ReadOnlySpan<char>, bool>? isKey = null,
        bool inUrl = false)
    {
        Vendor = vendor;
        Kind = kind;
        Marker = "[" + kind.ToUpperInvariant() + "]";
        Anchors = anchors;
        _pattern = pattern;
        MaxLength = maxLength;
        LookBehind = lookBehind;
        _isKey = isKey;
        _inUrl = inUrl;
        _secretGroup = pattern.GroupNumberFromName("secret");
    }

    public string Vendor { get; }

    public string Kind { get; }

    public string Marker { get; }

    public FindingShape Shape => FindingShape.Opaque;

    public string[] Anchors { get; }

    public int MaxLength { get; }

    public int LookBehind { get; }

    /// <summary>
    /// Whether a key of this format contains the anchor found at <paramref name="anchor"/>; if so, the span to replace.
    /// Reads at most <see cref="LookBehind"/> + <see cref="MaxLength"/> characters, so the cost per anchor is bounded.
    /// </summary>
    public bool TryMatch(string text, int anchor, out int start, out int length)
    {
        start = 0;
        length = 0;
        if (LookBehind == 0 && !IsStart(text, anchor))
        {
            return false;
        }

        var from = Math.Max(0, anchor - LookBehind);
        var end = Math.Min(text.Length, anchor + MaxLength + 1);
        var match = _pattern.Match(text, from, end - from);
        while (match.Success && match.Index <= anchor)
        {
            var matchEnd = match.Index + match.Length;
            if (matchEnd > anchor
                && IsStart(text, match.Index)
                && (matchEnd == text.Length || !TokenText.IsTokenChar(text[matchEnd]))
                && (_isKey is null || _isKey(text.AsSpan(match.Index, match.Length))))
            {
                var secret = _secretGroup >= 0 ? match.Groups[_secretGroup] : match;
                start = secret.Index;
                length = secret.Length;
                return length > 0;
            }

            if (LookBehind == 0)
            {
                return false;
            }

            match = match.NextMatch();
        }

        return false;
    }

    // A key does not continue a base64 run (or a path): besides keeping look-alikes out, this stops text made of anchors
    // and base64 characters ("ABSK/ABSK/…") from running a long regex at every anchor.
    private bool IsStart(string text, int index) =>
        TokenText.IsStartBoundary(text, index) && (_inUrl || index == 0 || text[index - 1] is not ('/' or '+' or '.'));

    /// <summary>This format alone (tests); <see cref="VendorKeyDetector"/> searches all formats' anchors in one pass.</summary>
    public void Find(string text, int priority, List<RedactionMatch> matches) =>
        new VendorKeyDetector([this]).Find(text, priority, matches);
}
