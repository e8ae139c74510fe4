using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using LlmIngest.Diagnostics;
using LlmIngest.Sinks;
using LlmIngest.Storage;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Shipping;

/// <summary>
/// Ships the local JSONL log to the bucket as gzip segments, one per tenant and UTC hour of the lines in a cut. Tails
/// the sink's own file set from a cursor kept in <c>{Log:Directory}/.{prefix}.ship.json</c>; only whole lines that the
/// sink has written for good are cut. A cut is recorded in the cursor (write-ahead) before its first upload, so after a
/// crash the same bytes go to the same keys. Seals every <c>Log:Ship:Interval</c>, when the sink rolls a file, and at
/// <see cref="StopAsync"/>. Failures are logged and counted and the cut is tried again; nothing is thrown into the app.
/// </summary>
internal sealed class IndexShipper : IAsyncDisposable
{
    /// <summary>The most one cut reads: a backlog after a long outage ships in several cuts.</summary>
    internal const int MaxCutBytes = 32 * 1024 * 1024;

    private readonly IShippableLog _log;
    private readonly IIndexSegmentStore _store;
    private readonly IndexShipOptions _options;
    private readonly string _defaultTenant;
    private readonly string _instance;
    private readonly TimeProvider _time;
    private readonly IndexShipMetrics _metrics;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private ShipCursorFile? _cursorFile;
    private ShipCursor? _cursor;
    private Task? _loop;
    private bool _resumed;

    public IndexShipper(IShippableLog log, IIndexSegmentStore store, IndexShipOptions options, string defaultTenant, string instance, TimeProvider time, IndexShipMetrics metrics, ILogger<IndexShipper> logger)
    {
        _log = log;
        _store = store;
        _options = options;
        _defaultTenant = defaultTenant;
        _instance = instance;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _log.Rolled += Wake;
        metrics.ObserveBacklog(() => GetBacklog().Lines);
    }

    /// <summary>The directory of the log set being shipped.</summary>
    public string Directory => _log.Names.Directory;

    /// <summary>Starts sealing every interval and on roll.</summary>
    public void Start()
    {
        if (_loop is null)
        {
            IndexShipLog.Shipping(_logger, Directory, _store.Description, _options.Interval);
            _loop = RunAsync(_stopping.Token);
        }
    }

    /// <summary>
    /// Ends the loop and ships what the log holds (call after the sink is disposed, so its last lines are on disk), then
    /// reports what could not be shipped within <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The host's budget ran out while a cut was in flight; the backlog below says what is left.
            }
        }

        try
        {
            await ShipAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        var backlog = GetBacklog();
        if (backlog.Lines > 0)
        {
            IndexShipLog.StoppedWithBacklog(_logger, backlog.Lines, backlog.Bytes, _store.Description, Directory);
        }
        else
        {
            IndexShipLog.StoppedShipped(_logger, _store.Description);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _log.Rolled -= Wake;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
        _gate.Dispose();
        _wake.Dispose();
    }

    /// <summary>
    /// Ships every whole, settled line after the cursor (a pending cut first). True when all of them were shipped; false
    /// when a cut failed (it stays pending and is tried again with the same keys).
    /// </summary>
    public async Task<bool> ShipAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var cursor = LoadCursor();
            if (cursor.Pending is { } pending)
            {
                if (!await ShipCutAsync(cursor, pending, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }

            while (true)
            {
                var cut = NextCut(cursor);
                if (cut is null)
                {
                    return true;
                }

                // Write-ahead: the cut and its sequence numbers are on disk before anything is uploaded.
                cursor.Pending = cut;
                cursor.NextSequence += cut.Segments.Count;
                Save(cursor);
                if (!await ShipCutAsync(cursor, cut, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whole lines (and their bytes) in the log set after the cursor, the pending cut included.</summary>
    public IndexBacklog GetBacklog()
    {
        var names = _log.Names;
        var cursor = _cursor ?? TryReadCursor(names);
        long lines = 0, bytes = 0;
        try
        {
            foreach (var path in names.List())
            {
                var name = Path.GetFileName(path);
                long start = 0;
                if (cursor?.File is { } shipped)
                {
                    var order = Compare(names, name, shipped);
                    if (order < 0)
                    {
                        continue;
                    }

                    if (order == 0)
                    {
                        start = cursor.Pending is { } pending && pending.File == shipped ? pending.Start : cursor.Offset;
                    }
                }

                var (length, _) = _log.Committed(path);
                var (count, end) = CountLines(path, start, length);
                lines += count;
                bytes += end - start;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file rolled away or deleted meanwhile: the figure is an estimate for the health check.
        }

        return new IndexBacklog(lines, bytes);
    }

    /// <summary>Seals and ships one segment: gzip, SHA-256 and metadata, create-only PUT; a taken key with other lines goes to the duplicate key.</summary>
    internal async Task ShipSegmentAsync(LineGroup group, string instance, long sequence, CancellationToken cancellationToken)
    {
        var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var gzipped = new MemoryStream((int)Math.Min(int.MaxValue, (group.Bytes / 6) + 64));
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var line in group.Lines)
            {
                gzip.Write(line.Span);
                sha.AppendData(line.Span);
            }
        }

        var segment = new IndexSegment
        {
            Key = IndexKeys.ForSegment(_store.Prefix, group.TenantId, group.HourUtc, instance, sequence),
            GzipBody = gzipped.ToArray(),
            Sha256 = Convert.ToHexStringLower(sha.GetHashAndReset()),
            UncompressedBytes = group.Bytes,
            LineCount = group.Lines.Count,
            TenantId = group.TenantId,
            Instance = instance,
            Sequence = sequence,
            FirstTimestamp = group.FirstTimestamp,
            LastTimestamp = group.LastTimestamp,
            RetentionClass = _options.RetentionClass,
            Summary = IndexSummaryLines.TryBuild(group.Lines),
        };
        sha.Dispose();

        try
        {
            await _store.WriteSegmentAsync(segment, cancellationToken).ConfigureAwait(false);
        }
        catch (PayloadConflictException)
        {
            var duplicateKey = IndexKeys.ForDuplicate(segment.Key, segment.Sha256);
            await _store.WriteSegmentAsync(Rekeyed(segment, duplicateKey), cancellationToken).ConfigureAwait(false);
            IndexShipLog.DuplicateSegment(_logger, segment.Key, duplicateKey);
            segment = Rekeyed(segment, duplicateKey);
        }

        _metrics.Shipped(segment.LineCount);
        IndexShipLog.SegmentShipped(_logger, segment.Key, segment.LineCount, segment.GzipBody.Length);
    }

    private static IndexSegment Rekeyed(IndexSegment segment, string key) => new()
    {
        Key = key,
        GzipBody = segment.GzipBody,
        Sha256 = segment.Sha256,
        UncompressedBytes = segment.UncompressedBytes,
        LineCount = segment.LineCount,
        TenantId = segment.TenantId,
        Instance = segment.Instance,
        Sequence = segment.Sequence,
        FirstTimestamp = segment.FirstTimestamp,
        LastTimestamp = segment.LastTimestamp,
        RetentionClass = segment.RetentionClass,
        Summary = segment.Summary,
    };

    private async Task RunAsync(CancellationToken stopping)
    {
        await Task.Yield();
        while (!stopping.IsCancellationRequested)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping))
            {
                var woken = _wake.WaitAsync(wait.Token);
                var elapsed = Task.Delay(_options.Interval, _time, wait.Token);
                await Task.WhenAny(woken, elapsed).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(woken, elapsed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (stopping.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await ShipAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _metrics.Failed();
                IndexShipLog.ShipLoopFailed(_logger, e);
            }
        }
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (Exception e) when (e is SemaphoreFullException or ObjectDisposedException)
        {
            // Already signalled, or shut down.
        }
    }

    private ShipCursor LoadCursor()
    {
        if (_cursor is not null)
        {
            return _cursor;
        }

        _cursorFile = new ShipCursorFile(_log.Names.CursorPath);
        try
        {
            _cursor = _cursorFile.Load();
            _resumed = _cursor.Pending is not null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            IndexShipLog.CursorUnreadable(_logger, e, _cursorFile.Path);
            _cursor = new ShipCursor();
        }

        return _cursor;
    }

    private static ShipCursor? TryReadCursor(LogFileNames names)
    {
        try
        {
            return new ShipCursorFile(names.CursorPath).Load();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void Save(ShipCursor cursor) => _cursorFile!.Save(cursor);

    /// <summary>The next cut after the cursor, moving the cursor on to the next file when one is finished; null when there is nothing to ship.</summary>
    private PendingCut? NextCut(ShipCursor cursor)
    {
        var names = _log.Names;
        while (true)
        {
            var files = names.List();
            if (cursor.File is null)
            {
                if (files.Count == 0)
                {
                    return null;
                }

                cursor.File = Path.GetFileName(files[0]);
                cursor.Offset = 0;
            }

            var path = Path.Combine(names.Directory, cursor.File);
            var next = files.Select(Path.GetFileName).FirstOrDefault(f => Compare(names, f!, cursor.File) > 0);
            if (!File.Exists(path))
            {
                if (next is null)
                {
                    return null;
                }

                IndexShipLog.FileGone(_logger, cursor.File);
                MoveTo(cursor, next);
                continue;
            }

            var (length, settled) = _log.Committed(path);
            var end = LastNewlineBefore(path, cursor.Offset, Math.Min(length, cursor.Offset + MaxCutBytes));
            if (end > cursor.Offset)
            {
                return BuildCut(cursor, path, cursor.Offset, end);
            }

            // Nothing more to cut here: a finished file (a newer one exists and no batch is writing to it) is left
            // behind, a torn last line of a crashed process included (the sink cut it off when it reopened).
            if (next is null || !settled)
            {
                return null;
            }

            MoveTo(cursor, next);
        }
    }

    private void MoveTo(ShipCursor cursor, string file)
    {
        cursor.File = file;
        cursor.Offset = 0;
        Save(cursor);
    }

    private PendingCut BuildCut(ShipCursor cursor, string path, long start, long end)
    {
        var groups = Group(path, start, end);
        var segments = new List<PendingSegment>(groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            segments.Add(new PendingSegment { TenantId = groups[i].TenantId, HourUtc = groups[i].HourUtc, Sequence = cursor.NextSequence + i });
        }

        return new PendingCut { File = Path.GetFileName(path), Start = start, End = end, Instance = _instance, Segments = segments };
    }

    private async Task<bool> ShipCutAsync(ShipCursor cursor, PendingCut cut, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_log.Names.Directory, cut.File);
        try
        {
            if (_resumed)
            {
                _resumed = false;
                IndexShipLog.ResumingCut(_logger, cut.File, cut.Start, cut.End);
            }

            if (File.Exists(path))
            {
                var groups = Group(path, cut.Start, cut.End);
                foreach (var group in groups)
                {
                    var recorded = cut.Segments.Find(s => s.TenantId == group.TenantId && s.HourUtc == group.HourUtc)
                        ?? throw new InvalidDataException($"The bytes {cut.Start}-{cut.End} of {cut.File} no longer group as when the cut was recorded.");
                    await ShipSegmentAsync(group, cut.Instance, recorded.Sequence, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                IndexShipLog.FileGone(_logger, cut.File);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _metrics.Failed();
            IndexShipLog.ShipFailed(_logger, e, cut.File, cut.Start, cut.End);
            return false;
        }

        cursor.File = cut.File;
        cursor.Offset = cut.End;
        cursor.Pending = null;
        Save(cursor);
        return true;
    }

    private List<LineGroup> Group(string path, long start, long end)
    {
        var bytes = new byte[end - start];
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            file.Position = start;
            file.ReadExactly(bytes);
        }

        // Lines without a timestamp take the previous line's; the first of a cut takes its file's day.
        var fallback = _log.Names.TryParse(Path.GetFileName(path), out var day, out _)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : DateTimeOffset.UnixEpoch;
        return IndexLineGrouper.Group(bytes, _defaultTenant, fallback);
    }

    private static int Compare(LogFileNames names, string a, string b)
    {
        _ = names.TryParse(a, out var dayA, out var sequenceA); // a name of another set sorts first: never after the cursor
        _ = names.TryParse(b, out var dayB, out var sequenceB);
        return dayA != dayB ? dayA.CompareTo(dayB) : sequenceA.CompareTo(sequenceB);
    }

    /// <summary>The offset just past the last '\n' in <c>[start, limit)</c>, or <paramref name="start"/> when there is none.</summary>
    private static long LastNewlineBefore(string path, long start, long limit)
    {
        if (limit <= start)
        {
            return start;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        limit = Math.Min(limit, file.Length);
        var buffer = new byte[64 * 1024];
        for (var end = limit; end > start;)
        {
            var from = Math.Max(start, end - buffer.Length);
            file.Position = from;
            file.ReadExactly(buffer, 0, (int)(end - from));
            var newline = buffer.AsSpan(0, (int)(end - from)).LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                return from + newline + 1;
            }

            end = from;
        }

        return start;
    }

    private static (long Lines, long End) CountLines(string path, long start, long limit)
    {
        if (limit <= start)
        {
            return (0, start);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        limit = Math.Min(limit, file.Length);
        var buffer = new byte[64 * 1024];
        long lines = 0, end = start;
        file.Position = start;
        for (var position = start; position < limit;)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - position));
            if (read == 0)
            {
                break;
            }

            var span = buffer.AsSpan(0, read);
            var count = span.Count((byte)'\n');
            if (count > 0)
            {
                lines += count;
                end = position + span.LastIndexOf((byte)'\n') + 1;
            }

            position += read;
        }

        return (lines, end);
    }
}
