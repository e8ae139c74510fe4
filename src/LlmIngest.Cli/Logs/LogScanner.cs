using System.IO.Compression;

namespace LlmIngest.Cli.Logs;

/// <summary>
/// Streams the lines of JSONL log files one at a time (plain or gzip), so a file of any size is read in constant
/// memory. Lines that are not a trace record are skipped and counted.
/// </summary>
internal sealed class LogScanner(IReadOnlyList<FileInfo> files, ScanProgress? progress = null)
{
    private const int BufferSize = 1 << 16;

    public long Lines { get; private set; }

    public long Malformed { get; private set; }

    public string? FirstMalformed { get; private set; }

    public IEnumerable<LogEntry> Read(CancellationToken cancellationToken)
    {
        long totalBytes = 0;
        foreach (var file in files)
        {
            totalBytes += file.Length;
        }

        long doneBytes = 0;
        foreach (var file in files)
        {
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferSize, FileOptions.SequentialScan);
            using var decoded = LogFiles.IsGzip(file) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
            using var reader = new LlmTraceLogReader(decoded);
            long chunk = 0;
            foreach (var entry in reader.ReadEntries(cancellationToken))
            {
                // Progress every 16,384 lines, as the reader checks for cancellation.
                if ((entry.LineNumber >> 14) != chunk)
                {
                    chunk = entry.LineNumber >> 14;
                    progress?.Report(doneBytes + stream.Position, totalBytes, Lines);
                }

                if (entry.Line is not { } record)
                {
                    Malformed++;
                    FirstMalformed ??= $"{file.FullName}:{entry.LineNumber}";
                    continue;
                }

                Lines++;
                yield return new LogEntry(entry.Text, record);
            }

            doneBytes += file.Length;
        }

        progress?.Complete(totalBytes, Lines);
    }

    /// <summary>A one-line note about skipped lines, or null when there were none.</summary>
    public string? MalformedNote() => Malformed == 0 ? null : $"skipped {Malformed} line(s) that are not trace records (first at {FirstMalformed}).";
}
