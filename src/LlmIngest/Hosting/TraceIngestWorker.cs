using LlmIngest.Diagnostics;
using LlmIngest.Processing;
using LlmIngest.Queue;
using LlmIngest.Shipping;
using LlmIngest.Sinks;
using LlmIngest.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmIngest.Hosting;

/// <summary>
/// Drains the queue in batches through <see cref="TraceBatchProcessor"/>. On stop it refuses new traces, drains what
/// is queued within the host's shutdown timeout, flushes the log and reports what it could not finish.
/// </summary>
internal sealed class TraceIngestWorker : BackgroundService
{
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(2);

    private readonly TraceQueue _queue;
    private readonly TraceBatchProcessor _processor;
    private readonly ITraceLogSink _sink;
    private readonly IPayloadStore _store;
    private readonly IngestCounters _counters;
    private readonly ILogger _logger;
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
        IndexShipper? shipper = null)
    {
        _ = metrics; // created with the worker so the instruments exist while the pipeline runs
        _queue = queue;
        _processor = processor;
        _sink = sink;
        _store = store;
        _counters = counters;
        _logger = logger;
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

        if (_shipper is not null)
        {
            await _shipper.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        _queue.DropReporter.ReportNow();
        IngestLog.Stopped(_logger, _counters.Processed, _counters.DroppedAtRecord, _counters.Evicted, _counters.ProcessingFailed);
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
            _queue.WorkerStopped();
        }
    }
}
