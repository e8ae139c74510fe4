using System.Threading.Channels;
using LlmIngest.Capture;
using LlmIngest.Diagnostics;
using LlmIngest.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmIngest.Queue;

/// <summary>
/// The recording API over a bounded channel. The record call stamps, validates, enqueues and counts:
/// no I/O, no locks, no formatting; everything else happens on the worker.
/// </summary>
internal sealed class TraceQueue : ILlmTraceRecorder, ICaptureSink
{
    private readonly Channel<QueuedTrace> _channel;
    private readonly IngestCounters _counters;
    private readonly DropReporter _dropReporter;
    private readonly TraceStamper _stamper;
    private readonly FlushWaiters _flushes;
    private readonly QueueFullMode _fullMode;
    private readonly TimeSpan _fullWaitTimeout;
    private readonly ILogger _logger;
    private volatile bool _completed;
    private volatile bool _workerRunning;
    private int _warnedNoWorker;

    public TraceQueue(IOptions<QueueOptions> options, RecordDefaults defaults, IngestCounters counters, TimeProvider time, ILogger<TraceQueue> logger, IRedactor? redactor = null)
    {
        var queue = options.Value;
        _counters = counters;
        _fullMode = queue.FullMode;
        _fullWaitTimeout = queue.FullWaitTimeout;
        Capacity = queue.Capacity;
        _dropReporter = new DropReporter(counters, logger, time, queue.DropReportInterval, queue.Capacity, redactor);
        _stamper = new TraceStamper(counters, _dropReporter, time, defaults.Tenant);
        _flushes = new FlushWaiters(counters);
        _logger = logger;

        var channelOptions = new BoundedChannelOptions(queue.Capacity)
        {
            // Wait + TryWrite fails when full, so a drop is counted exactly where it happens.
            FullMode = _fullMode == QueueFullMode.DropOldest ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        };
        _channel = _fullMode == QueueFullMode.DropOldest
            ? Channel.CreateBounded<QueuedTrace>(channelOptions, OnEvicted)
            : Channel.CreateBounded<QueuedTrace>(channelOptions);
    }

    public int Capacity { get; }

    public QueueFullMode FullMode => _fullMode;

    public ChannelReader<QueuedTrace> Reader => _channel.Reader;

    public int Depth => _channel.Reader.Count;

    public DropReporter DropReporter => _dropReporter;

    public bool Record(LlmTrace trace) => Record(trace, null);

    /// <summary>Records a trace the library captured, with the work its capture left for the worker.</summary>
    public bool Record(LlmTrace trace, DeferredCapture? deferred)
    {
        if (!_stamper.Stamp(trace))
        {
            ChatSpanEnd.Dropped(deferred?.Span, "invalid");
            return false;
        }

        if (_channel.Writer.TryWrite(new QueuedTrace(trace, deferred)))
        {
            _counters.Accept();
            // Two plain reads once warned (no interlocked operation on every record while the worker is not running).
            if (!_workerRunning && Volatile.Read(ref _warnedNoWorker) == 0)
            {
                WarnNoWorker();
            }

            return true;
        }

        var reason = _completed ? DropReason.Stopped : DropReason.QueueFull;
        ChatSpanEnd.Dropped(deferred?.Span, reason == DropReason.Stopped ? "stopped" : "queue_full");
        return Dropped(reason);
    }

    public ValueTask<bool> RecordAsync(LlmTrace trace, CancellationToken cancellationToken = default)
    {
        if (_fullMode != QueueFullMode.Wait)
        {
            return ValueTask.FromResult(Record(trace));
        }

        if (!_stamper.Stamp(trace))
        {
            return ValueTask.FromResult(false);
        }

        var item = new QueuedTrace(trace, null);
        if (_channel.Writer.TryWrite(item))
        {
            _counters.Accept();
            return ValueTask.FromResult(true);
        }

        return _completed ? ValueTask.FromResult(Dropped(DropReason.Stopped)) : WaitForRoomAsync(item, cancellationToken);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = _counters.Accepted;
        if (_flushes.Finished >= target)
        {
            return Task.CompletedTask;
        }

        if (!_workerRunning)
        {
            return Task.FromException(_flushes.NoWorker());
        }

        var done = _flushes.Add(target);

        // The worker may have finished (or stopped) between the check and the registration.
        _flushes.ReportProgress();
        if (!_workerRunning)
        {
            _flushes.FailAll();
        }

        return done.WaitAsync(cancellationToken);
    }

    /// <summary>Called by the worker as it starts: until then traces queue and flushes fail rather than wait forever.</summary>
    public void WorkerStarted() => _workerRunning = true;

    /// <summary>Called by the worker when it has stopped: flushes it can no longer satisfy fail with a message.</summary>
    public void WorkerStopped()
    {
        _workerRunning = false;
        _flushes.ReportProgress();
        _flushes.FailAll();
    }

    /// <summary>Stops accepting traces; the worker drains what is queued.</summary>
    public void Complete()
    {
        _completed = true;
        _channel.Writer.TryComplete();
    }

    /// <summary>Called by the worker after each batch: completes the flushes it satisfied.</summary>
    public void ReportProgress() => _flushes.ReportProgress();

    private void WarnNoWorker()
    {
        if (Interlocked.Exchange(ref _warnedNoWorker, 1) == 0)
        {
            MisuseLog.RecordedWithoutWorker(_logger, Capacity);
        }
    }

    private bool Dropped(DropReason reason)
    {
        _counters.Drop(reason);
        _dropReporter.ReportIfDue();
        return false;
    }

    private async ValueTask<bool> WaitForRoomAsync(QueuedTrace item, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_fullWaitTimeout);
        try
        {
            while (await _channel.Writer.WaitToWriteAsync(timeout.Token).ConfigureAwait(false))
            {
                if (_channel.Writer.TryWrite(item))
                {
                    _counters.Accept();
                    return true;
                }
            }

            return Dropped(DropReason.Stopped);
        }
        catch (OperationCanceledException)
        {
            return Dropped(DropReason.Timeout);
        }
    }

    private void OnEvicted(QueuedTrace item)
    {
        ChatSpanEnd.Dropped(item.Deferred?.Span, "evicted");
        _counters.Drop(DropReason.Evicted);
        _dropReporter.ReportIfDue();
    }
}
