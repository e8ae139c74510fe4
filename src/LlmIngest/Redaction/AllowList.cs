using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>Findings that must never be redacted: exact strings and whole-text regular expressions from configuration.</summary>
internal sealed class AllowList
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private readonly Regex[] _patterns;
    private readonly bool _isEmpty;

    public AllowList(IEnumerable<string> exact, IEnumerable<string> patterns)
    {
        var set = new HashSet<string>(exact, StringComparer.Ordinal);
        _exact = set.GetAlternateLookup<ReadOnlySpan<char>>();
        var compiled = new List<Regex>();
        foreach (var pattern in patterns)
        {
            compiled.Add(Compile(pattern));
        }

        _patterns = [.. compiled];
        _isEmpty = set.Count == 0 && _patterns.Length == 0;
    }

    public static AllowList Empty { get; } = new([], []);

    public bool Allows(ReadOnlySpan<char> finding)
    {
        if (_isEmpty)
        {
            return false;
        }

        if (_exact.Contains(finding))
        {
            return true;
        }

        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(finding))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Compiles an allow pattern anchored to the whole finding; throws when it is invalid.</summary>
    public static Regex Compile(string pattern) => CustomPatternDetector.Compile($"^(?:{pattern})$");
}
