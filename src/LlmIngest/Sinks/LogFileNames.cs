using System.Globalization;

namespace LlmIngest.Sinks;

/// <summary>
/// The names of one writer's log files in a directory: <c>{prefix}-{yyyyMMdd}[_{nnn}].jsonl</c> for the directory's
/// owner, <c>{prefix}-{instance}-{yyyyMMdd}[_{nnn}].jsonl</c> for a process that found the directory taken. Each writer
/// lists, rolls, ships and deletes only its own set.
/// </summary>
internal sealed class LogFileNames
{
    private const string Extension = ".jsonl";

    public LogFileNames(string directory, string prefix, string? instance)
    {
        Directory = directory;
        Instance = instance;
        FilePrefix = instance is null ? prefix : $"{prefix}-{instance}";
    }

    public string Directory { get; }

    /// <summary>The instance name when this writer fell back to instance-named files; null for the directory's owner.</summary>
    public string? Instance { get; }

    /// <summary>What every file of the set starts with, before <c>-{yyyyMMdd}</c>.</summary>
    public string FilePrefix { get; }

    /// <summary>Where the index shipper keeps its cursor for this set.</summary>
    public string CursorPath => Path.Combine(Directory, $".{FilePrefix}.ship.json");

    public static string LockPath(string directory, string prefix) => Path.Combine(directory, $".{prefix}.lock");

    public static string WriterPath(string directory, string prefix) => Path.Combine(directory, $".{prefix}.writer");

    public string PathFor(DateOnly day, int sequence)
    {
        var date = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var name = sequence == 0
            ? $"{FilePrefix}-{date}{Extension}"
            : $"{FilePrefix}-{date}_{sequence.ToString("D3", CultureInfo.InvariantCulture)}{Extension}";
        return Path.Combine(Directory, name);
    }

    /// <summary>Reads the day and sequence of a file name of this set; false for any other name (another writer's set included).</summary>
    public bool TryParse(string fileName, out DateOnly day, out int sequence)
    {
        day = default;
        sequence = 0;
        if (!fileName.StartsWith(FilePrefix, StringComparison.Ordinal) || !fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = fileName.AsSpan(FilePrefix.Length, fileName.Length - FilePrefix.Length - Extension.Length);
        if (rest.Length < 9 || rest[0] != '-'
            || !DateOnly.TryParseExact(rest.Slice(1, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return false;
        }

        rest = rest[9..];
        if (rest.Length == 0)
        {
            return true;
        }

        return rest.Length >= 4 && rest[0] == '_' && int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>This set's files, oldest first (by day, then sequence).</summary>
    public IReadOnlyList<string> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var files = new List<(DateOnly Day, int Sequence, string Path)>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, $"{FilePrefix}-*{Extension}"))
        {
            if (TryParse(Path.GetFileName(path), out var day, out var sequence))
            {
                files.Add((day, sequence, path));
            }
        }

        files.Sort(static (a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day) : a.Sequence.CompareTo(b.Sequence));
        return files.ConvertAll(static f => f.Path);
    }
}
