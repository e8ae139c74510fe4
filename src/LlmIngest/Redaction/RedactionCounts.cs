namespace LlmIngest;

/// <summary>How many findings of each kind (e.g. <c>email</c>) redaction replaced in one trace.</summary>
public sealed class RedactionCounts
{
    private Dictionary<string, int>? _counts;
    private Dictionary<string, int>? _rules;

    /// <summary>The counts by kind; empty when nothing was redacted.</summary>
    public IReadOnlyDictionary<string, int> ByKind => _counts ?? (IReadOnlyDictionary<string, int>)EmptyCounts.Instance;

    /// <summary>
    /// The findings admitted by a context rule rather than by their shape alone (<c>ssn-keyword</c>: nine digits after
    /// "SSN"), by rule; they are counted in <see cref="ByKind"/> as well.
    /// </summary>
    public IReadOnlyDictionary<string, int> ByContextRule => _rules ?? (IReadOnlyDictionary<string, int>)EmptyCounts.Instance;

    /// <summary>The number of findings of all kinds.</summary>
    public int Total { get; private set; }

    /// <summary>Adds <paramref name="count"/> findings of <paramref name="kind"/>.</summary>
    public void Add(string kind, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(kind);
        _counts ??= new Dictionary<string, int>(StringComparer.Ordinal);
        _counts[kind] = _counts.GetValueOrDefault(kind) + count;
        Total += count;
    }

    /// <summary>Counts <paramref name="count"/> findings admitted by the context rule <paramref name="rule"/>.</summary>
    public void AddContextRule(string rule, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rules ??= new Dictionary<string, int>(StringComparer.Ordinal);
        _rules[rule] = _rules.GetValueOrDefault(rule) + count;
    }

    private static class EmptyCounts
    {
        public static readonly Dictionary<string, int> Instance = new();
    }
}
