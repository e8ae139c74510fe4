using System.Threading.Channels;
using LlmIngest.Capture;
using LlmIngest.Diagnostics;
using LlmIngest.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmIngest.Queue;

/// <summary>
/// The recording API over a bounded channel. The record call stamps, validates, enqueues and counts:
/// no I/O, no locks, no formatting; everything else happens on the worker.
/// </summary>
internal sealed class TraceQueue : ILlmTraceRecorder
{
    private const int TenantMaxLength = 64;

    private readonly Channel<LlmTrace> _channel;
    private readonly IngestCounters _counters;
    private readonly DropReporter _dropReporter;
    private readonly TimeProvider _time;
    private readonly QueueFullMode _fullMode;
    private readonly TimeSpan _fullWaitTimeout;
    private readonly string _defaultTenant;
    private readonly Lock _flushLock = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _flushWaiters = [];
    private readonly ILogger _logger;
    private volatile bool _completed;
    private volatile bool _workerRunning;
    private int _warnedNoWorker;

    public TraceQueue(IOptions<LlmTraceIngestOptions> options, IngestCounters counters, TimeProvider time, ILogger<TraceQueue> logger, IRedactor? redactor = null)
    {
        var queue = options.Value.Queue;
        _counters = counters;
        _time = time;
        _fullMode = queue.FullMode;
        _fullWaitTimeout = queue.FullWaitTimeout;
        _defaultTenant = options.Value.DefaultTenant;
        Capacity = queue.Capacity;
        _dropReporter = new DropReporter(counters, logger, time, queue.DropReportInterval, queue.Capacity, redactor);
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
            ? Channel.CreateBounded<LlmTrace>(channelOptions, OnEvicted)
            : Channel.CreateBounded<LlmTrace>(channelOptions);
    }

    public int Capacity { get; }

    public QueueFullMode FullMode => _fullMode;

    public ChannelReader<LlmTrace> Reader => _channel.Reader;

    public int Depth => _channel.Reader.Count;

    public DropReporter DropReporter => _dropReporter;

    public bool Record(LlmTrace trace)
    {
        _counters.Call();
        if (!Stamp(trace))
        {
            return false;
        }

        if (_channel.Writer.TryWrite(trace))
        {
            _counters.Accept();
            // Two plain reads once warned (no interlocked operation on every record while the worker is not running).
            if (!_workerRunning && Volatile.Read(ref _warnedNoWorker) == 0)
            {
                WarnNoWorker();
            }

            return true;
        }

        return Dropped(_completed ? DropReason.Stopped : DropReason.QueueFull);
    }

    public ValueTask<bool> RecordAsync(LlmTrace trace, CancellationToken cancellationToken = default)
    {
        if (_fullMode != QueueFullMode.Wait)
        {
            return ValueTask.FromResult(Record(trace));
        }

        _counters.Call();
        if (!Stamp(trace))
        {
            return ValueTask.FromResult(false);
        }

        if (_channel.Writer.TryWrite(trace))
        {
            _counters.Accept();
            return ValueTask.FromResult(true);
        }

        return _completed ? ValueTask.FromResult(Dropped(DropReason.Stopped)) : WaitForRoomAsync(trace, cancellationToken);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = _counters.Accepted;
        if (Finished >= target)
        {
            return Task.CompletedTask;
        }

        if (!_workerRunning)
        {
            return Task.FromException(NoWorker());
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_flushLock)
        {
            _flushWaiters.Add((target, done));
        }

        // The worker may have finished (or stopped) between the check and the registration.
        ReportProgress();
        if (!_workerRunning)
        {
            FailWaiters();
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Called by the worker as it starts: until then traces queue and flushes fail rather than wait forever.</summary>
    public void WorkerStarted() => _workerRunning = true;

    /// <summary>Called by the worker when it has stopped: flushes it can no longer satisfy fail with a message.</summary>
    public void WorkerStopped()
    {
        _workerRunning = false;
        ReportProgress();
        FailWaiters();
    }

    /// <summary>Stops accepting traces; the worker drains what is queued.</summary>
    public void Complete()
    {
        _completed = true;
        _channel.Writer.TryComplete();
    }

    /// <summary>Called by the worker after each batch: completes the flushes it satisfied.</summary>
    public void ReportProgress()
    {
        var finished = Finished;
        lock (_flushLock)
        {
            for (var i = _flushWaiters.Count - 1; i >= 0; i--)
            {
                if (_flushWaiters[i].Target <= finished)
                {
                    _flushWaiters[i].Done.TrySetResult();
                    _flushWaiters.RemoveAt(i);
                }
            }
        }
    }

    private long Finished => _counters.Processed + _counters.Evicted;

    private InvalidOperationException NoWorker() => new(string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"LlmIngest cannot flush: its worker is not running ({_counters.Accepted - Finished} trace(s) waiting). Start the host that AddLlmTraceIngest was registered in (app.Run(), host.StartAsync()) before flushing; after the host stopped, nothing more is written."));

    private void FailWaiters()
    {
        lock (_flushLock)
        {
            if (_flushWaiters.Count == 0)
            {
                return;
            }

            var failure = NoWorker();
            foreach (var (_, done) in _flushWaiters)
            {
                done.TrySetException(failure);
            }

            _flushWaiters.Clear();
        }
    }

    private void WarnNoWorker()
    {
        if (Interlocked.Exchange(ref _warnedNoWorker, 1) == 0)
        {
            MisuseLog.RecordedWithoutWorker(_logger, Capacity);
        }
    }

    /// <summary>Stamps and validates; an invalid trace is counted under its reason (and reported) here.</summary>
    private bool Stamp(LlmTrace? trace)
    {
        if (trace is null)
        {
            return Rejected(RejectionReason.NullTrace, null);
        }

        // One clock read serves the timestamp and a generated UUIDv7 (~25 ns each on Linux).
        if (trace.Timestamp == default)
        {
            trace.Timestamp = _time.GetUtcNow();
        }

        if (trace.TraceId is null)
        {
            trace.TraceId = TraceIdentifiers.NewTraceId(trace.Timestamp);
        }
        else if (!TraceIdentifiers.IsValid(trace.TraceId))
        {
            return Rejected(RejectionReason.InvalidTraceId, trace.TraceId);
        }

        if (trace.SpanId is null)
        {
            trace.SpanId = TraceIdentifiers.NewSpanId();
        }
        else if (!TraceIdentifiers.IsValid(trace.SpanId))
        {
            return Rejected(RejectionReason.InvalidSpanId, trace.SpanId);
        }

        if (trace.ParentSpanId is not null && !TraceIdentifiers.IsValid(trace.ParentSpanId))
        {
            return Rejected(RejectionReason.InvalidParentSpanId, trace.ParentSpanId);
        }

        trace.TenantId ??= _defaultTenant;
        if (!TraceIdentifiers.IsValid(trace.TenantId, TenantMaxLength))
        {
            return Rejected(RejectionReason.InvalidTenant, trace.TenantId);
        }

        if (trace.Step < 0)
        {
            return Rejected(RejectionReason.InvalidStep, null);
        }

        return true;
    }

    private bool Rejected(RejectionReason reason, string? value)
    {
        _counters.Drop(DropReason.Invalid);
        _dropReporter.Rejected(reason, _counters.Rejected(reason), value);
        return false;
    }

    private bool Dropped(DropReason reason)
    {
        _counters.Drop(reason);
        _dropReporter.ReportIfDue();
        return false;
    }

    private async ValueTask<bool> WaitForRoomAsync(LlmTrace trace, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_fullWaitTimeout);
        try
        {
            while (await _channel.Writer.WaitToWriteAsync(timeout.Token).ConfigureAwait(false))
            {
                if (_channel.Writer.TryWrite(trace))
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

    private void OnEvicted(LlmTrace trace)
    {
        _counters.Drop(DropReason.Evicted);
        _dropReporter.ReportIfDue();
    }
}
