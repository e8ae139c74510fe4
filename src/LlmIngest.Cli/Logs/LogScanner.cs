using System.IO.Compression;
using System.Text;
using System.Text.Json;
using LlmIngest.Sinks;

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
            using var reader = new StreamReader(decoded, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, BufferSize);
            long number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if ((number & 0x3FFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(doneBytes + stream.Position, totalBytes, Lines);
                }

                if (line.Length == 0)
                {
                    continue;
                }

                var record = Parse(line);
                if (record is null)
                {
                    Malformed++;
                    FirstMalformed ??= $"{file.FullName}:{number}";
                    continue;
                }

                Lines++;
                yield return new LogEntry(line, record);
            }

            doneBytes += file.Length;
        }

        progress?.Complete(totalBytes, Lines);
    }

    /// <summary>A one-line note about skipped lines, or null when there were none.</summary>
    public string? MalformedNote() => Malformed == 0 ? null : $"skipped {Malformed} line(s) that are not trace records (first at {FirstMalformed}).";

    private static TraceLogRecord? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, LlmIngestJsonContext.Default.TraceLogRecord);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
