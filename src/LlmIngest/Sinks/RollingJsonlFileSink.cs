using Microsoft.Extensions.Logging;

namespace LlmIngest.Sinks;

/// <summary>
/// Appends JSONL lines to <c>{prefix}-{yyyyMMdd}[_{nnn}].jsonl</c>: a new file each UTC day and whenever the
/// current one would pass the size limit; only the newest <c>RetainedFileCount</c> files of its own set are kept.
/// One writer per directory (<see cref="LogDirectoryLock"/>): a process that finds the directory taken by another live
/// process writes <c>{prefix}-{instance}-…</c> files instead (see <see cref="LogFileNames"/>), never into the same file.
/// The directory is claimed by <see cref="LogDirectoryClaim"/>, files are chosen by <see cref="LogFileSet"/> and pruned
/// by <see cref="LogFileRetention"/>; this type is the write path.
/// </summary>
internal sealed class RollingJsonlFileSink : ITraceLogSink, IShippableLog
{
    private readonly PreviewLogOptions _options;
    private readonly TimeProvider _time;
    private readonly JsonlLineEncoder _encoder;
    private readonly LogDirectoryClaim _claim;
    private readonly LogFileSet _files;

    // Where each file written by the current batch ended before it: a failed batch is cut back to there.
    private readonly LogBatchStarts _batch = new();
    private FileStream? _stream;

    public RollingJsonlFileSink(PreviewLogOptions options, TimeProvider time, ILogger? logger = null)
    {
        _options = options;
        _time = time;
        _encoder = new JsonlLineEncoder(options.MaxLineBytes);
        Directory = Path.GetFullPath(options.Directory);
        _claim = new LogDirectoryClaim(Directory, options, time, logger);
        _files = new LogFileSet(options);
    }

    public string Directory { get; }

    public string Description => Directory;

    /// <summary>The file being written, once the first line is written.</summary>
    public string? CurrentPath => _stream?.Name;

    public event Action? Rolled;

    public LogFileNames Names => _claim.Names;

    public (long Length, bool Settled) Committed(string path) => _batch.Committed(path);

    public async ValueTask WriteBatchAsync(IReadOnlyList<LlmTraceLogLine> records, CancellationToken cancellationToken)
    {
        _batch.Begin();

        if (_stream is not null && !File.Exists(_stream.Name))
        {
            // Deleted or moved away under us (by hand, or a log shipper): writing on would go to a file nobody sees.
            await CloseAsync().ConfigureAwait(false);
        }

        if (_stream is not null)
        {
            _batch.Add(_stream.Name, _stream.Length);
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

            _batch.End();
        }
        catch
        {
            // Reopen on the next batch: the disk may have recovered or the folder been recreated. Lines of the failed
            // batch that did reach the disk (or half of one, on a full disk) are cut off: the batch is counted as not
            // written, and a torn line would make the next line invalid JSON.
            await CloseAsync().ConfigureAwait(false);
            foreach (var (path, length) in _batch.Starts)
            {
                LogFileSet.TryTruncate(path, length);
            }

            _batch.End();
            throw;
        }
    }

    public void Dispose()
    {
        CloseAsync().AsTask().GetAwaiter().GetResult();
        _claim.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        _claim.Release();
    }

    private async ValueTask<FileStream> StreamForAsync(int lineLength, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        if (_stream is not null && _files.Fits(_stream, today, lineLength))
        {
            return _stream;
        }

        var rolled = false;
        if (_stream is not null)
        {
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            await CloseAsync().ConfigureAwait(false);
            _files.Roll(today);
            rolled = true;
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory);
            _files.Resume(today, Names);
        }

        var names = Names;
        var stream = await _files.OpenAsync(names, lineLength).ConfigureAwait(false);
        _stream = stream;
        _batch.Add(stream.Name, stream.Length);
        LogFileRetention.DeleteBeyond(names, _options.RetainedFileCount, stream.Name);
        if (rolled)
        {
            Rolled?.Invoke();
        }

        return stream;
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
