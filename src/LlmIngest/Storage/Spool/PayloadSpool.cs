using System.Globalization;
using LlmIngest.Storage.S3;

namespace LlmIngest.Storage.Spool;

/// <summary>
/// A bounded folder of payloads waiting for S3. Each file (<see cref="SpoolFileFormat"/>) is written to a temporary name,
/// flushed to disk and renamed into place; a torn or corrupted file is detected, quarantined under <c>corrupt/</c> and
/// never uploaded. Names sort in spool order.
/// </summary>
internal sealed class PayloadSpool
{
    private readonly SpoolOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly SortedSet<string> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);
    private long _bytes;
    private long _sequence;
    private int _full;

    public PayloadSpool(SpoolOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        Directory = Path.GetFullPath(options.Directory);
        CorruptDirectory = Path.Combine(Directory, "corrupt");
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var temp in System.IO.Directory.EnumerateFiles(Directory, "*.tmp"))
        {
            File.Delete(temp); // a write that never completed: its payload was never acknowledged as spooled
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.spool"))
        {
            Track(file, new FileInfo(file).Length);
        }
    }

    public string Directory { get; }

    public string CorruptDirectory { get; }

    public long MaxBytes => _options.MaxBytes;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _files.Count;
            }
        }
    }

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>True from the moment the spool had to refuse or evict a payload for lack of room until room is freed.</summary>
    public bool IsFull => Volatile.Read(ref _full) == 1 || Bytes >= _options.MaxBytes;

    /// <summary>Invoked with the number of payloads deleted to make room (drop-oldest mode).</summary>
    public Action<int>? Evicted { get; set; }

    /// <summary>How long the oldest spooled payload has waited, or zero when the spool is empty.</summary>
    public TimeSpan OldestAge
    {
        get
        {
            string? oldest;
            lock (_lock)
            {
                oldest = _files.Count > 0 ? _files.Min : null;
            }

            if (oldest is null || !long.TryParse(Path.GetFileName(oldest).AsSpan(0, 13), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                return TimeSpan.Zero;
            }

            var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return age < TimeSpan.Zero ? TimeSpan.Zero : age;
        }
    }

    /// <summary>Writes <paramref name="upload"/> durably; false when the spool is full and the policy refuses it.</summary>
    public async Task<bool> TryEnqueueAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        var spooledAt = _time.GetUtcNow();
        var content = SpoolFileFormat.Encode(upload, spooledAt);
        if (!MakeRoom(content.Length))
        {
            return false;
        }

        var name = $"{spooledAt.ToUnixTimeMilliseconds().ToString("D13", CultureInfo.InvariantCulture)}-{Interlocked.Increment(ref _sequence).ToString("D8", CultureInfo.InvariantCulture)}.spool";
        var path = Path.Combine(Directory, name);
        var temp = path + ".tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path);
        }
        catch
        {
            Interlocked.Add(ref _bytes, -content.Length);
            File.Delete(temp);
            throw;
        }

        lock (_lock)
        {
            _files.Add(path);
            _sizes[path] = content.Length;
        }

        return true;
    }

    /// <summary>The spooled files, oldest first.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            return [.. _files];
        }
    }

    /// <summary>Reads and verifies a spool file; null when it is torn or corrupt (then it should be quarantined).</summary>
    public async Task<PendingUpload?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!path.StartsWith(Directory, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{path} is not in the spool {Directory}.", nameof(path));
        }

        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        return SpoolFileFormat.Decode(content);
    }

    /// <summary>Removes an uploaded file.</summary>
    public void Complete(string path)
    {
        File.Delete(path);
        Forget(path);
    }

    /// <summary>Moves a corrupt file aside, where it is kept for inspection and never uploaded.</summary>
    public void Quarantine(string path)
    {
        System.IO.Directory.CreateDirectory(CorruptDirectory);
        File.Move(path, Path.Combine(CorruptDirectory, Path.GetFileName(path)), overwrite: true);
        Forget(path);
    }

    private bool MakeRoom(long size)
    {
        var evicted = 0;
        lock (_lock)
        {
            while (_bytes + size > _options.MaxBytes)
            {
                Volatile.Write(ref _full, 1);
                if (_options.FullMode == SpoolFullMode.DropNewest || _files.Count == 0)
                {
                    return false;
                }

                var oldest = _files.Min!;
                File.Delete(oldest);
                _bytes -= _sizes[oldest];
                _sizes.Remove(oldest);
                _files.Remove(oldest);
                evicted++;
            }

            _bytes += size;
        }

        if (evicted > 0)
        {
            Evicted?.Invoke(evicted);
        }

        return true;
    }

    private void Track(string path, long size)
    {
        lock (_lock)
        {
            _files.Add(path);
            _sizes[path] = size;
            _bytes += size;
        }
    }

    private void Forget(string path)
    {
        lock (_lock)
        {
            if (_sizes.Remove(path, out var size))
            {
                _files.Remove(path);
                _bytes -= size;
                Volatile.Write(ref _full, 0);
            }
        }
    }
}
