using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace LlmIngest;

/// <summary>
/// Reads a JSONL preview log one line at a time, in constant memory. A line that is not a valid
/// <see cref="LlmTraceLogLine"/> is reported as a malformed <see cref="LlmTraceLogEntry"/>, never thrown, so one bad
/// line does not stop the rest of the file from being read.
/// </summary>
public sealed class LlmTraceLogReader : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly TextReader _reader;

    /// <summary>Reads lines from <paramref name="reader"/>, which the reader then owns and disposes.</summary>
    public LlmTraceLogReader(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
    }

    /// <summary>Reads UTF-8 lines from <paramref name="stream"/>, which the reader then owns and disposes.</summary>
    public LlmTraceLogReader(Stream stream)
        : this(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, BufferSize))
    {
    }

    /// <summary>The number of the last line read, from 1 (empty lines count); 0 before the first.</summary>
    public long LineNumber { get; private set; }

    /// <summary>How many malformed lines have been read so far.</summary>
    public long MalformedLines { get; private set; }

    /// <summary>Opens a log file for reading; a name ending in <c>.gz</c> (a rolled, compressed log) is decompressed.</summary>
    public static LlmTraceLogReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferSize, FileOptions.SequentialScan);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new LlmTraceLogReader(new GZipStream(stream, CompressionMode.Decompress))
            : new LlmTraceLogReader(stream);
    }

    /// <summary>Parses one line's text; false when it is not a valid <see cref="LlmTraceLogLine"/>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out LlmTraceLogLine? line)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            line = JsonSerializer.Deserialize(text, LlmIngestJsonContext.Default.LlmTraceLogLine);
        }
        catch (JsonException)
        {
            line = null;
        }
        catch (FormatException)
        {
            line = null;
        }

        return line is not null;
    }

    /// <summary>
    /// Yields every non-empty line, parsed or malformed, in order. Checks <paramref name="cancellationToken"/> every
    /// 16,384 lines.
    /// </summary>
    public IEnumerable<LlmTraceLogEntry> ReadEntries(CancellationToken cancellationToken = default)
    {
        while (_reader.ReadLine() is { } text)
        {
            LineNumber++;
            if ((LineNumber & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (text.Length == 0)
            {
                continue;
            }

            if (!TryParse(text, out var line))
            {
                MalformedLines++;
            }

            yield return new LlmTraceLogEntry(LineNumber, text, line);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();
}
