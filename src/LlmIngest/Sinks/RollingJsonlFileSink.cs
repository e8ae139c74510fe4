using LlmIngest.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Sinks;

/// <summary>
/// Appends JSONL lines to <c>{prefix}-{yyyyMMdd}[_{nnn}].jsonl</c>: a new file each UTC day and whenever the
/// current one would pass the size limit; only the newest <c>RetainedFileCount</c> files of its own set are kept.
/// One writer per directory (<see cref="LogDirectoryLock"/>): a process that finds the directory taken by another live
/// process writes <c>{prefix}-{instance}-…</c> files instead (see <see cref="LogFileNames"/>), never into the same file.
/// </summary>
internal sealed class RollingJsonlFileSink : ITraceLogSink, IShippableLog
{
    private readonly PreviewLogOptions _options;
    private readonly TimeProvider _time;
    private readonly JsonlLineEncoder _encoder;
    private readonly ILogger? _logger;
    private readonly Lock _gate = new();
    private LogFileNames? _names;
    private LogDirectoryLock? _directoryLock;
    private bool _batchOpen;
    private bool _released;

    // Where each file written by the current batch ended before it: a failed batch is cut back to there.
    private readonly List<(string Path, long Length)> _batchStarts = [];
    private FileStream? _stream;
    private DateOnly _day;
    private int _sequence;

    public RollingJsonlFileSink(PreviewLogOptions options, TimeProvider time, ILogger? logger = null)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _encoder = new JsonlLineEncoder(options.MaxLineBytes);
        Directory = Path.GetFullPath(options.Directory);
    }

    public string Directory { get; }

    public string Description => Directory;

    /// <summary>The file being written, once the first line is written.</summary>
    public string? CurrentPath => _stream?.Name;

    public event Action? Rolled;

    public LogFileNames Names
    {
        get
        {
            lock (_gate)
            {
                // Once disposed, the directory is not taken again (the shipper's last look at the files comes after).
                return _names ??= _released ? new LogFileNames(Directory, _options.FilePrefix, null) : TakeDirectory();
            }
        }
    }

    public (long Length, bool Settled) Committed(string path)
    {
        lock (_gate)
        {
            // Under the gate: a batch records where it starts in a file before it writes there.
            if (_batchOpen)
            {
                foreach (var (started, length) in _batchStarts)
                {
                    if (string.Equals(started, path, StringComparison.Ordinal))
                    {
                        return (length, false);
                    }
                }
            }

            try
            {
                return (new FileInfo(path).Length, true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (0, true);
            }
        }
    }

    public async ValueTask WriteBatchAsync(IReadOnlyList<LlmTraceLogLine> records, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _batchStarts.Clear();
            _batchOpen = true;
        }

        if (_stream is not null && !File.Exists(_stream.Name))
        {
            // Deleted or moved away under us (by hand, or a log shipper): writing on would go to a file nobody sees.
            await CloseAsync().ConfigureAwait(false);
        }

        if (_stream is not null)
        {
            AddBatchStart(_stream.Name, _stream.Length);
        }

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

            EndBatch();
        }
        catch
        {
            // Reopen on the next batch: the disk may have recovered or the folder been recreated. Lines of the failed
            // batch that did reach the disk (or half of one, on a full disk) are cut off: the batch is counted as not
            // written, and a torn line would make the next line invalid JSON.
            await CloseAsync().ConfigureAwait(false);
            foreach (var (path, length) in _batchStarts)
            {
                TryTruncate(path, length);
            }

            EndBatch();
            throw;
        }
    }

    public void Dispose()
    {
        CloseAsync().AsTask().GetAwaiter().GetResult();
        ReleaseDirectory();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        ReleaseDirectory();
    }

    private LogFileNames TakeDirectory()
    {
        var instance = InstanceName.Resolve(_options);
        _directoryLock = LogDirectoryLock.TryAcquire(Directory, _options.FilePrefix, instance, _time.GetUtcNow(), out var holder);
        if (_directoryLock is not null)
        {
            return new LogFileNames(Directory, _options.FilePrefix, null);
        }

        var names = new LogFileNames(Directory, _options.FilePrefix, instance);
        if (_logger is not null)
        {
            IndexShipLog.DirectoryInUse(_logger, Directory, holder, names.FilePrefix);
        }

        return names;
    }

    private void ReleaseDirectory()
    {
        lock (_gate)
        {
            _directoryLock?.Dispose();
            _directoryLock = null;
            _released = true;
        }
    }

    private void AddBatchStart(string path, long length)
    {
        lock (_gate)
        {
            _batchStarts.Add((path, length));
        }
    }

    private void EndBatch()
    {
        lock (_gate)
        {
            _batchOpen = false;
        }
    }

    private async ValueTask<FileStream> StreamForAsync(int lineLength, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        if (_stream is not null && today == _day && (_stream.Length == 0 || _stream.Length + lineLength <= _options.MaxFileSizeBytes))
        {
            return _stream;
        }

        var rolled = false;
        if (_stream is not null)
        {
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            await CloseAsync().ConfigureAwait(false);
            _sequence = today == _day ? _sequence + 1 : 0;
            rolled = true;
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory);
            _sequence = LastSequence(today);
        }

        _day = today;
        var names = Names;
        var path = names.PathFor(_day, _sequence);
        TryTruncate(path, CompleteLinesLength(path));
        var stream = Open(path);
        if (stream.Length > 0 && stream.Length + lineLength > _options.MaxFileSizeBytes)
        {
            // Resuming after a restart into a file that is already full.
            await stream.DisposeAsync().ConfigureAwait(false);
            stream = Open(names.PathFor(_day, ++_sequence));
        }

        _stream = stream;
        AddBatchStart(stream.Name, stream.Length);
        DeleteBeyondRetention(names);
        if (rolled)
        {
            Rolled?.Invoke();
        }

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

    /// <summary>The length of the file up to and including its last newline: a process killed mid-write leaves a torn last line.</summary>
    private static long CompleteLinesLength(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[4096];
            for (var end = file.Length; end > 0;)
            {
                var start = Math.Max(0, end - buffer.Length);
                file.Position = start;
                file.ReadExactly(buffer, 0, (int)(end - start));
                var newline = buffer.AsSpan(0, (int)(end - start)).LastIndexOf((byte)'\n');
                if (newline >= 0)
                {
                    return start + newline + 1;
                }

                end = start;
            }

            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return long.MaxValue; // missing or unreadable: nothing to repair
        }
    }

    private static void TryTruncate(string path, long length)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            if (file.Length > length)
            {
                file.SetLength(length);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing or not writable: the next open reports the real problem.
        }
    }

    private int LastSequence(DateOnly day)
    {
        var names = Names;
        var last = 0;
        while (File.Exists(names.PathFor(day, last + 1)))
        {
            last++;
        }

        return last;
    }

    private void DeleteBeyondRetention(LogFileNames names)
    {
        if (_options.RetainedFileCount <= 0)
        {
            return;
        }

        // Only this writer's own set, oldest first: another process's instance-named files are its business.
        var files = names.List();
        if (files.Count <= _options.RetainedFileCount)
        {
            return;
        }

        for (var i = 0; i < files.Count - _options.RetainedFileCount; i++)
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
