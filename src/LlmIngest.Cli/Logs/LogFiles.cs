namespace LlmIngest.Cli.Logs;

/// <summary>Resolves <c>--log</c> paths (files or folders) to the JSONL files to read, rolled and gzipped ones included.</summary>
internal static class LogFiles
{
    private static readonly string[] Patterns = ["*.jsonl", "*.jsonl.gz", "*.ndjson", "*.ndjson.gz"];

    public static List<FileInfo> Resolve(IReadOnlyList<string>? paths, string defaultDirectory)
    {
        var given = paths is { Count: > 0 } ? paths : [defaultDirectory];
        var files = new List<FileInfo>();
        foreach (var path in given)
        {
            if (File.Exists(path))
            {
                files.Add(new FileInfo(path));
            }
            else if (Directory.Exists(path))
            {
                var found = new List<FileInfo>();
                foreach (var pattern in Patterns)
                {
                    found.AddRange(new DirectoryInfo(path).EnumerateFiles(pattern));
                }

                // traces-20261122.jsonl.gz, traces-20261123.jsonl, traces-20261123_001.jsonl: name order is time order.
                found.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                files.AddRange(found);
            }
            else
            {
                throw new CliException(ExitCodes.NotFound, $"log path '{Path.GetFullPath(path)}' does not exist" +
                    (paths is { Count: > 0 } ? "." : " (the default LlmIngest:Log:Directory; pass --log)."));
            }
        }

        return files;
    }

    public static bool IsGzip(FileInfo file) => file.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}
