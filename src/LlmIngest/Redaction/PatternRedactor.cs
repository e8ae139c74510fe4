using System.Text;

namespace LlmIngest.Redaction;

/// <summary>
/// Runs a fixed set of detectors over text and replaces each finding with its marker (<c>[EMAIL]</c>).
/// When findings overlap, the earlier one wins, then the detector listed first.
/// </summary>
internal sealed class PatternRedactor : IRedactor
{
    [ThreadStatic]
    private static List<RedactionMatch>? t_matches;

    private readonly IPiiDetector[] _detectors;

    public PatternRedactor()
        : this([new EmailDetector(), new SsnDetector(), new PaymentCardDetector(), new PhoneNumberDetector()])
    {
    }

    public PatternRedactor(IPiiDetector[] detectors) => _detectors = detectors;

    public string Redact(string text, RedactionCounts counts)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(counts);

        // Every detector needs a digit or an '@': most prose has neither in most strings.
        if (text.Length < 5 || (text.AsSpan().IndexOfAnyInRange('0', '9') < 0 && !text.Contains('@')))
        {
            return text;
        }

        var matches = t_matches ??= new List<RedactionMatch>();
        matches.Clear();
        for (var i = 0; i < _detectors.Length; i++)
        {
            _detectors[i].Find(text, i, matches);
        }

        if (matches.Count == 0)
        {
            return text;
        }

        matches.Sort(static (a, b) =>
            a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority)
            : b.Length.CompareTo(a.Length));

        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var match in matches)
        {
            if (match.Start < position)
            {
                continue;
            }

            builder.Append(text, position, match.Start - position).Append(match.Detector.Marker);
            counts.Add(match.Detector.Kind);
            position = match.End;
        }

        builder.Append(text, position, text.Length - position);
        matches.Clear();
        return builder.ToString();
    }
}
