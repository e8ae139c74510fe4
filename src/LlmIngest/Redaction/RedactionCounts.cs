namespace LlmIngest.Redaction;

/// <summary>How many findings of each kind (e.g. <c>email</c>) redaction replaced in one trace.</summary>
public sealed class RedactionCounts
{
    private Dictionary<string, int>? _counts;

    /// <summary>The counts by kind; empty when nothing was redacted.</summary>
    public IReadOnlyDictionary<string, int> ByKind => _counts ?? (IReadOnlyDictionary<string, int>)EmptyCounts.Instance;

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

    private static class EmptyCounts
    {
        public static readonly Dictionary<string, int> Instance = new();
    }
}
