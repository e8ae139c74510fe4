using System.Globalization;
using System.Text;

namespace LlmIngest.IntegrationTests.Telemetry;

/// <summary>
/// Generated attribute values of every type an OTLP attribute can carry from a .NET <c>Activity</c> — strings (ASCII,
/// accented, CJK, emoji, combining marks, control characters), ints, longs, doubles (extremes included), bools and
/// arrays of each — and a canonical text of a value as it must arrive (ints as longs, arrays as lists), to compare with
/// what the receiver decoded.
/// </summary>
internal sealed class GeneratedTelemetry(int seed)
{
    private static readonly string[] Pieces = ["a", "Z", "7", " ", "-", "_", ".", "é", "ß", "Ω", "中文", "日本", "😀", "🚀", "e\u0301", "\n", "\t", "\"", "\\", "\0", "ü", "ñ", "Ж", "ا"];
    private static readonly double[] EdgeDoubles = [0.0, -0.0, double.MaxValue, double.MinValue, double.Epsilon, 1e-300, -1e300, 0.1, 1.0 / 3];
    private static readonly long[] EdgeLongs = [0, -1, long.MinValue, long.MaxValue, int.MinValue, int.MaxValue];

    private readonly Random _random = new(seed);

    public string Text(int maxPieces = 24)
    {
        var builder = new StringBuilder();
        var count = _random.Next(0, maxPieces + 1);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pieces[_random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>A non-empty name (span, event, key) with non-ASCII characters and a unique suffix.</summary>
    public string Name(string prefix, int index) => $"{prefix}.{index}.{Text(4).Replace("\0", string.Empty, StringComparison.Ordinal)}";

    public long Long() => _random.Next(4) == 0 ? EdgeLongs[_random.Next(EdgeLongs.Length)] : _random.NextInt64(long.MinValue, long.MaxValue);

    public int Int() => _random.Next(int.MinValue, int.MaxValue);

    public double Double()
    {
        if (_random.Next(4) == 0)
        {
            return EdgeDoubles[_random.Next(EdgeDoubles.Length)];
        }

        var magnitude = Math.Pow(10, _random.Next(-300, 301));
        return (_random.NextDouble() - 0.5) * magnitude;
    }

    public bool Bool() => _random.Next(2) == 1;

    public int Next(int min, int max) => _random.Next(min, max);

    /// <summary>A value of a random attribute type: string, int, long, double, bool or an array of one of them.</summary>
    public object Value()
    {
        var length = _random.Next(0, 6);
        return _random.Next(10) switch
        {
            0 => Text(),
            1 => Int(),
            2 => Long(),
            3 => Double(),
            4 => Bool(),
            5 => Enumerable.Range(0, length).Select(_ => Text(8)).ToArray(),
            6 => Enumerable.Range(0, length).Select(_ => Int()).ToArray(),
            7 => Enumerable.Range(0, length).Select(_ => Long()).ToArray(),
            8 => Enumerable.Range(0, length).Select(_ => Double()).ToArray(),
            _ => Enumerable.Range(0, length).Select(_ => Bool()).ToArray(),
        };
    }

    /// <summary>Attributes with one of each scalar type and <paramref name="extra"/> more of random types, keys unique.</summary>
    public List<KeyValuePair<string, object?>> Attributes(string prefix, int extra)
    {
        var attributes = new List<KeyValuePair<string, object?>>
        {
            new($"{prefix}.string", Text()),
            new($"{prefix}.int", Int()),
            new($"{prefix}.long", Long()),
            new($"{prefix}.double", Double()),
            new($"{prefix}.bool", Bool()),
            new($"{prefix}.strings", new[] { Text(8), Text(8), string.Empty }),
        };
        for (var i = 0; i < extra; i++)
        {
            attributes.Add(new(Name(prefix, i), Value()));
        }

        return attributes;
    }

    /// <summary>The canonical text of attributes as sent (<paramref name="sent"/>) or decoded: sorted keys, typed values.</summary>
    public static string Canonical(IEnumerable<KeyValuePair<string, object?>> attributes) =>
        string.Join("\n", attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{Escape(a.Key)} = {Canonical(a.Value)}"));

    public static string Canonical(object? value) => value switch
    {
        null => "null",
        string s => $"string \"{Escape(s)}\"",
        bool b => b ? "bool true" : "bool false",
        int i => $"long {i.ToString(CultureInfo.InvariantCulture)}",
        long l => $"long {l.ToString(CultureInfo.InvariantCulture)}",
        double d => $"double {d.ToString("R", CultureInfo.InvariantCulture)}",
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Canonical)) + "]",
        _ => $"unexpected {value.GetType().Name} {value}",
    };

    private static string Escape(string text) => string.Concat(text.Select(c => c < ' ' || c == '"' || c == '\\' ? $"\\u{(int)c:x4}" : c.ToString()));
}
