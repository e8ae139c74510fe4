using System.Globalization;

namespace LlmIngest.Sinks;

/// <summary>
/// Appends JSONL lines to <c>{prefix}-{yyyyMMdd}[_{nnn}].jsonl</c>: a new file each UTC day and whenever the
/// current one would pass the size limit; only the newest <c>RetainedFileCount</c> files are kept.
/// </summary>
internal sealed class RollingJsonlFileSink : ITraceLogSink
{
    private readonly PreviewLogOptions _options;
    private readonly TimeProvider _time;
    private readonly JsonlLineEncoder _encoder = new();
    private FileStream? _stream;
    private DateOnly _day;
    private int _sequence;

    public RollingJsonlFileSink(PreviewLogOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        Directory = Path.GetFullPath(options.Directory);
    }

    public string Directory { get; }

    public string Description => Directory;

    /// <summary>The file being written, once the first line is written.</summary>
    public string? CurrentPath => _stream?.Name;

    public async ValueTask WriteBatchAsync(IReadOnlyList<TraceLogRecord> records, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var record in records)
            {
                var line = _encoder.Encode(record);
                var stream = await StreamForAsync(line.Length, cancellationToken).ConfigureAwait(false);
                stream.Write(line.Span);
            }

            if (_stream is not null)
            {
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // Reopen on the next batch: the disk may have recovered or the folder been recreated.
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose() => CloseAsync().AsTask().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => CloseAsync();

    private async ValueTask<FileStream> StreamForAsync(int lineLength, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        if (_stream is not null && today == _day && (_stream.Length == 0 || _stream.Length + lineLength <= _options.MaxFileSizeBytes))
        {
            return _stream;
        }

        if (_stream is not null)
        {
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            await CloseAsync().ConfigureAwait(false);
            _sequence = today == _day ? _sequence + 1 : 0;
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory);
            _sequence = LastSequence(today);
        }

        _day = today;
        var stream = Open(PathFor(_day, _sequence));
        if (stream.Length > 0 && stream.Length + lineLength > _options.MaxFileSizeBytes)
        {
            // Resuming after a restart into a file that is already full.
            await stream.DisposeAsync().ConfigureAwait(false);
            stream = Open(PathFor(_day, ++_sequence));
        }

        _stream = stream;
        DeleteBeyondRetention();
        return stream;
    }

    private static FileStream Open(string path) =>
        new(path, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 64 * 1024,
        });

    private string PathFor(DateOnly day, int sequence)
    {
        var date = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var name = sequence == 0
            ? $"{_options.FilePrefix}-{date}.jsonl"
            : $"{_options.FilePrefix}-{date}_{sequence.ToString("D3", CultureInfo.InvariantCulture)}.jsonl";
        return Path.Combine(Directory, name);
    }

    private int LastSequence(DateOnly day)
    {
        var last = 0;
        while (File.Exists(PathFor(day, last + 1)))
        {
            last++;
        }

        return last;
    }

    private void DeleteBeyondRetention()
    {
        if (_options.RetainedFileCount <= 0)
        {
            return;
        }

        var files = System.IO.Directory.GetFiles(Directory, $"{_options.FilePrefix}-*.jsonl");
        if (files.Length <= _options.RetainedFileCount)
        {
            return;
        }

        // Names sort by date, then by sequence: "traces-20250101.jsonl" < "traces-20250101_001.jsonl".
        Array.Sort(files, StringComparer.Ordinal);
        for (var i = 0; i < files.Length - _options.RetainedFileCount; i++)
        {
            if (!string.Equals(files[i], _stream?.Name, StringComparison.Ordinal))
            {
                File.Delete(files[i]);
            }
        }
    }

    private async ValueTask CloseAsync()
    {
        if (_stream is { } stream)
        {
            _stream = null;
            try
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The data could not be flushed; the caller already reports the failed batch.
            }
        }
    }
}
