using System.Globalization;

namespace LlmIngest.Benchmarks.Load;

/// <summary>The <c>--name value</c> options of the load modes.</summary>
internal sealed class LoadArguments(string[] args)
{
    public int Int(string name, int fallback) => Find(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public long Long(string name, long fallback) => Find(name) is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public TEnum Enum<TEnum>(string name, TEnum fallback)
        where TEnum : struct, System.Enum => Find(name) is { } value ? System.Enum.Parse<TEnum>(value, ignoreCase: true) : fallback;

    private string? Find(string name)
    {
        var index = Array.IndexOf(args, "--" + name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
