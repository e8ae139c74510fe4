using System.Text;

namespace LlmIngest.Redaction;

/// <summary>
/// Runs a fixed set of detectors over text and replaces each finding (<c>[EMAIL]</c>, or a mask or pseudonym).
/// When findings overlap, the earlier one wins, then the detector listed first. Findings on the allow list are kept.
/// </summary>
internal sealed class PatternRedactor : IRedactor
{
    // The shortest finding of any built-in detector is longer than this.
    private const int MinimumLength = 5;

    [ThreadStatic]
    private static List<RedactionMatch>? s_matches;

    [ThreadStatic]
    private static List<RedactionMatch>? s_viewMatches;

    private readonly IPiiDetector[] _detectors;
    private readonly FindingReplacer _replacer;
    private readonly AllowList _allowList;

    public PatternRedactor()
        : this(DetectorCatalog.Create())
    {
    }

    public PatternRedactor(IPiiDetector[] detectors, FindingReplacer? replacer = null, AllowList? allowList = null)
    {
        _detectors = detectors;
        _replacer = replacer ?? FindingReplacer.Markers;
        _allowList = allowList ?? AllowList.Empty;
    }

    public string Redact(string text, RedactionCounts counts)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(counts);

        if (text.Length < MinimumLength)
        {
            return text;
        }

        // Each detector first runs its own vectorized prefilter (a digit, '@', "sk-", "-----BEGIN "...), so text
        // without candidates costs a few memory scans.
        var matches = s_matches ??= new List<RedactionMatch>();
        matches.Clear();
        for (var i = 0; i < _detectors.Length; i++)
        {
            _detectors[i].Find(text, i, matches);
        }

        // Values hidden by an escape, an entity, a zero-width character or a fullwidth digit are found in a normalized
        // view and replaced in the original. Only text holding such a character pays for the second pass.
        var view = NormalizedView.Create(text);
        if (view is not null)
        {
            FindInView(view, matches);
        }

        if (matches.Count == 0)
        {
            return text;
        }

        matches.Sort(static (a, b) =>
            a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority)
            : b.Length.CompareTo(a.Length));

        StringBuilder? builder = null;
        var position = 0; // end of the last finding taken, replaced or allowed
        var copied = 0;   // end of the text already copied into the builder
        foreach (var match in matches)
        {
            if (match.Start < position)
            {
                continue;
            }

            position = match.End;
            // What a reader sees ("a@b.com" for "a&#64;b.com") is what allow lists name and masks show.
            var value = match.ViewStart < 0 ? text.AsSpan(match.Start, match.Length) : view!.Text.AsSpan(match.ViewStart, match.ViewLength);
            if (_allowList.Allows(value))
            {
                continue;
            }

            builder ??= new StringBuilder(text.Length);
            builder.Append(text, copied, match.Start - copied);
            _replacer.Append(builder, match.Detector, value);
            counts.Add(match.Detector.Kind);
            if (match.Rule is not null)
            {
                counts.AddContextRule(match.Rule);
            }

            copied = match.End;
        }

        matches.Clear();
        if (builder is null)
        {
            return text;
        }

        builder.Append(text, copied, text.Length - copied);
        return builder.ToString();
    }

    private void FindInView(NormalizedView view, List<RedactionMatch> matches)
    {
        var found = s_viewMatches ??= new List<RedactionMatch>();
        found.Clear();
        for (var i = 0; i < _detectors.Length; i++)
        {
            _detectors[i].Find(view.Text, i, found);
        }

        foreach (var match in found)
        {
            var start = view.OriginalStart(match.Start);
            matches.Add(match with
            {
                Start = start,
                Length = view.OriginalEnd(match.End) - start,
                ViewStart = match.Start,
                ViewLength = match.Length,
            });
        }

        found.Clear();
    }
}
