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
/// The cursor lives in <see cref="ShipCursorStore"/>, cuts are chosen by <see cref="ShipCutPlanner"/> and shipped by
/// <see cref="ShipCutUploader"/>; this type runs the loop and the stop.
/// </summary>
internal sealed class IndexShipper : IAsyncDisposable
{
    private readonly IShippableLog _log;
    private readonly IIndexSegmentStore _store;
    private readonly IndexShipOptions _options;
    private readonly TimeProvider _time;
    private readonly IndexShipMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ShipCursorStore _cursors;
    private readonly ShipCutPlanner _planner;
    private readonly ShipCutUploader _uploader;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public IndexShipper(IShippableLog log, IIndexSegmentStore store, IndexShipOptions options, string defaultTenant, string instance, TimeProvider time, IndexShipMetrics metrics, ILogger<IndexShipper> logger)
    {
        _log = log;
        _store = store;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _cursors = new ShipCursorStore(log, logger);
        _planner = new ShipCutPlanner(log, _cursors, defaultTenant, instance, logger);
        _uploader = new ShipCutUploader(log, store, _cursors, _planner, options, metrics, logger);
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
            var cursor = _cursors.Load();
            if (cursor.Pending is { } pending)
            {
                if (!await _uploader.ShipCutAsync(cursor, pending, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }

            while (true)
            {
                var cut = _planner.NextCut(cursor);
                if (cut is null)
                {
                    return true;
                }

                // Write-ahead: the cut and its sequence numbers are on disk before anything is uploaded.
                cursor.Pending = cut;
                cursor.NextSequence += cut.Segments.Count;
                _cursors.Save(cursor);
                if (!await _uploader.ShipCutAsync(cursor, cut, cancellationToken).ConfigureAwait(false))
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
    public IndexBacklog GetBacklog() => _planner.GetBacklog();

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
}
