using System.Buffers;

namespace LlmIngest.Redaction;

/// <summary>
/// Vendor API keys and tokens with a recognisable literal (the formats of <see cref="VendorKeyFormats"/>, after the
/// public gitleaks rule catalogue): one vectorized search for all their anchors at once, then only the formats whose
/// anchor sits there run their bounded regex. Text without an anchor costs one memory scan, however many formats there are.
/// </summary>
internal sealed class VendorKeyDetector : IPiiDetector
{
    private readonly SearchValues<string> _anchors;

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

        _anchors = SearchValues.Create([.. anchors], StringComparison.Ordinal);
    }

    public string Kind => "vendor_key";

    public string Marker => "[VENDOR_KEY]";

    public FindingShape Shape => FindingShape.Opaque;

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        var from = 0;
        while (from < text.Length)
        {
            var next = text.AsSpan(from).IndexOfAny(_anchors);
            if (next < 0)
            {
                return;
            }

            var anchor = from + next;
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
