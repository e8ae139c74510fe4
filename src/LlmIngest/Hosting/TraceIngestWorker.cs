using LlmIngest.Diagnostics;
using LlmIngest.Processing;
using LlmIngest.Queue;
using LlmIngest.Shipping;
using LlmIngest.Sinks;
using LlmIngest.Storage;
using LlmIngest.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmIngest.Hosting;

/// <summary>
/// Drains the queue in batches through <see cref="TraceBatchProcessor"/>. On stop it refuses new traces, drains what
/// is queued within the host's shutdown timeout, flushes the log, replays the outage spool while S3 answers and reports
/// what it could not finish, spooled payloads included.
/// </summary>
internal sealed class TraceIngestWorker : BackgroundService
{
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(2);

    // Passes in a row that leave the spool as large as they found it before the stop gives up on S3.
    private const int StopReplayPassesWithoutProgress = 3;

    private readonly TraceQueue _queue;
    private readonly TraceBatchProcessor _processor;
    private readonly ITraceLogSink _sink;
    private readonly IPayloadStore _store;
    private readonly IngestCounters _counters;
    private readonly ILogger _logger;
    private readonly ISpoolReplayer? _replayer;
    private readonly int _batchSize;
    private readonly IndexShipper? _shipper;
    private readonly CancellationTokenSource _abort = new();

    public TraceIngestWorker(
        TraceQueue queue,
        TraceBatchProcessor processor,
        ITraceLogSink sink,
        IPayloadStore store,
        IngestCounters counters,
        IngestMetrics metrics,
        IOptions<QueueOptions> options,
        ILogger<TraceIngestWorker> logger,
        ISpoolReplayer? replayer = null,
        IndexShipper? shipper = null)
    {
        _ = metrics; // created with the worker so the instruments exist while the pipeline runs
        _queue = queue;
        _processor = processor;
        _sink = sink;
        _store = store;
        _counters = counters;
        _logger = logger;
        _replayer = replayer;
        _batchSize = options.Value.BatchSize;
        _shipper = shipper;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the loop runs: a flush right after the host started must wait for it, not fail.
        _queue.WorkerStarted();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Complete();
        var execution = ExecuteTask;
        if (execution is not null)
        {
            var drained = await Task.WhenAny(execution, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false) == execution;
            if (!drained)
            {
                await _abort.CancelAsync().ConfigureAwait(false);
                await Task.WhenAny(execution, Task.Delay(AbortGrace, CancellationToken.None)).ConfigureAwait(false);
                var remaining = _counters.Accepted - _counters.Processed - _counters.Evicted;
                IngestLog.ShutdownIncomplete(_logger, remaining);
            }
        }

        try
        {
            await _sink.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            IngestLog.LogWriteFailed(_logger, e, 0, _sink.Description);
        }

        // The last index segment goes out (directly, or into the spool while S3 is down) before the spool replay, so
        // the replay takes it along.
        if (_shipper is not null)
        {
            await _shipper.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_replayer is not null)
        {
            await ReplaySpoolAsync(_replayer, cancellationToken).ConfigureAwait(false);
        }

        _queue.DropReporter.ReportNow();
        IngestLog.Stopped(
            _logger,
            _counters.Processed,
            _counters.DroppedAtRecord,
            _counters.Evicted,
            _counters.ProcessingFailed,
            _replayer?.SpooledCount ?? 0,
            _replayer?.SpoolDirectory ?? "(none: " + _store.Description + " has no spool)");
    }

    /// <summary>
    /// Uploads what the spool holds, so a stop with S3 answering leaves nothing on this disk: passes until the spool is
    /// empty, the host's shutdown token fires, or <see cref="StopReplayPassesWithoutProgress"/> passes in a row shrink it
    /// by nothing (S3 is still down). What is left stays spooled for the next start and is reported.
    /// </summary>
    private async Task ReplaySpoolAsync(ISpoolReplayer replayer, CancellationToken cancellationToken)
    {
        var before = replayer.SpooledCount;
        if (before == 0)
        {
            return;
        }

        IngestLog.StopReplayStarted(_logger, before, replayer.SpoolDirectory);
        var passes = 0;
        var stalled = 0;
        var outcome = "spool empty";
        try
        {
            var remaining = before;
            while (remaining > 0)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    outcome = "shutdown timeout";
                    break;
                }

                if (stalled >= StopReplayPassesWithoutProgress)
                {
                    outcome = $"no progress in {StopReplayPassesWithoutProgress} passes";
                    break;
                }

                await replayer.ReplayAsync(cancellationToken).ConfigureAwait(false);
                passes++;
                var now = replayer.SpooledCount;
                stalled = now < remaining ? 0 : stalled + 1;
                remaining = now;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "shutdown timeout";
        }
        catch (Exception e)
        {
            IngestLog.StopReplayFailed(_logger, e, replayer.SpooledCount, replayer.SpoolDirectory);
            return;
        }

        var left = replayer.SpooledCount;
        IngestLog.StopReplayFinished(_logger, Math.Max(0, before - left), passes, left, replayer.SpoolDirectory, outcome);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Deliberately not stoppingToken: the loop drains until the queue is completed, and is only
        // aborted when the host's shutdown timeout runs out.
        await Task.Yield();
        IngestLog.Started(_logger, _sink.Description, _store.Description, _queue.Capacity, _queue.FullMode.ToString());
        var reader = _queue.Reader;
        var batch = new List<QueuedTrace>(_batchSize);
        try
        {
            while (await reader.WaitToReadAsync(_abort.Token).ConfigureAwait(false))
            {
                while (batch.Count < _batchSize && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                try
                {
                    await _processor.ProcessAsync(batch, _abort.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (!_abort.IsCancellationRequested)
                {
                    // A bug in a stage must not stop the pipeline: count the batch as failed and go on.
                    IngestLog.WorkerLoopFailed(_logger, e);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        _counters.TraceProcessed(succeeded: false);
                    }
                }

                batch.Clear();
                _queue.ReportProgress();
                _queue.DropReporter.ReportIfDue();
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Shutdown timed out; StopAsync reports what was left.
        }
        finally
        {
            // Aborted at the shutdown timeout: the spans of what is left in the queue end here, as dropped.
            TraceTelemetry.Abandon(batch);
            while (reader.TryRead(out var left))
            {
                ChatSpanEnd.Dropped(left.Deferred?.Span, "shutdown");
            }

            _queue.WorkerStopped();
        }
    }
}
