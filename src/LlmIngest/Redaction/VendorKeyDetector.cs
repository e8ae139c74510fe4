using System.Buffers;

namespace LlmIngest.Redaction;

/// <summary>
/// Vendor API keys and tokens with a recognisable literal (the formats of <see cref="VendorKeyFormats"/>, after the
/// public gitleaks rule catalogue): one vectorized search for all their anchors at once, then only the formats whose
/// anchor sits there run their bounded regex. Text without an anchor costs one memory scan, however many formats there are.
/// </summary>
internal sealed class VendorKeyDetector : IPiiDetector
{
    // SearchValues<string> runs a vectorized (Teddy) search whose false candidates grow with the number of strings, and
    // falls back to a much slower scalar Aho-Corasick automaton above 80 of them; two-character strings weaken the
    // filter for all the others. So the anchors are searched in small groups, short ones apart, of the size that measured
    // fastest on the benchmark corpus (docs/benchmarks.md).
    private const int MaxAnchorsPerGroup = 12;

    private readonly SearchValues<string>[] _groups;

    // Formats by the first character of their anchors (ASCII), longest anchor first.
    private readonly (string Anchor, VendorKeyFormat Format)[][] _byFirstChar = new (string, VendorKeyFormat)[128][];

    public VendorKeyDetector()
        : this(VendorKeyFormats.All)
    {
    }

    public VendorKeyDetector(IReadOnlyList<VendorKeyFormat> formats)
    {
        var anchors = new List<string>();
        var buckets = new List<(string, VendorKeyFormat)>[128];
        foreach (var format in formats)
        {
            foreach (var anchor in format.Anchors)
            {
                if (!anchors.Contains(anchor))
                {
                    anchors.Add(anchor);
                }

                (buckets[anchor[0]] ??= []).Add((anchor, format));
            }
        }

        for (var c = 0; c < buckets.Length; c++)
        {
            var bucket = buckets[c] ?? [];
            bucket.Sort(static (a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
            _byFirstChar[c] = [.. bucket];
        }

        var groups = new List<SearchValues<string>>();
        var shortAnchors = anchors.FindAll(static a => a.Length < 3);
        var longAnchors = anchors.FindAll(static a => a.Length >= 3);
        longAnchors.Sort(StringComparer.Ordinal);
        if (shortAnchors.Count > 0)
        {
            groups.Add(SearchValues.Create([.. shortAnchors], StringComparison.Ordinal));
        }

        for (var i = 0; i < longAnchors.Count; i += MaxAnchorsPerGroup)
        {
            groups.Add(SearchValues.Create([.. longAnchors.GetRange(i, Math.Min(MaxAnchorsPerGroup, longAnchors.Count - i))], StringComparison.Ordinal));
        }

        _groups = [.. groups];
    }

    public string Kind => "vendor_key";

    public string Marker => "[VENDOR_KEY]";

    public FindingShape Shape => FindingShape.Opaque;

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        // Where each group's next anchor is (int.MaxValue: none left), so no part of the text is searched twice per group.
        Span<int> found = stackalloc int[_groups.Length];
        found.Fill(-1);
        var from = 0;
        while (from < text.Length)
        {
            var anchor = int.MaxValue;
            for (var g = 0; g < _groups.Length; g++)
            {
                if (found[g] != int.MaxValue && found[g] < from)
                {
                    var next = text.AsSpan(from).IndexOfAny(_groups[g]);
                    found[g] = next < 0 ? int.MaxValue : from + next;
                }

                anchor = Math.Min(anchor, found[g]);
            }

            if (anchor == int.MaxValue)
            {
                return;
            }

            from = anchor + 1;
            foreach (var (literal, format) in _byFirstChar[text[anchor]])
            {
                if (text.AsSpan(anchor).StartsWith(literal, StringComparison.Ordinal)
                    && format.TryMatch(text, anchor, out var start, out var length))
                {
                    matches.Add(new RedactionMatch(start, length, priority, format));
                    from = Math.Max(from, start + length);
                    break;
                }
            }
        }
    }
}
