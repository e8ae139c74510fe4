using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LlmIngest.Diagnostics;
using LlmIngest.Queue;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.Async;

namespace LlmIngest.Benchmarks.Queue;

/// <summary>
/// The record call (<see cref="ILlmTraceRecorder.Record"/>) with a realistic trace, ids supplied by the caller and ids
/// generated, next to the floor (a bare <see cref="ChannelWriter{T}.TryWrite"/> of the same object into a bounded channel
/// with the same options) and Serilog.Sinks.Async over a no-op sink logging an equivalent structured event.
/// Single-threaded and with 4 concurrent producers (per-operation figures).
/// </summary>
/// <remarks>
/// Every queue is drained while measuring (by a thread standing in for the worker; Serilog by its own worker), with a
/// capacity of 2^25 whose storage is grown before measuring, so the backlog of a tight loop never fills it: a drop would
/// measure the cheaper drop path, so cleanup fails the run if any LlmIngest or floor write was refused, and prints
/// Serilog's own drop count.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RecordHotPathBenchmarks
{
    // A tight loop writes far faster than any worker drains (docs/benchmarks.md has the counts): the capacity is
    // large enough that the backlog of a whole run never fills the queue, and is allocated up front.
    private const int Capacity = 1 << 25;
    private const int Producers = 4;
    private const int PerProducer = 20_000;

    private ServiceProvider _services = null!;
    private ILlmTraceRecorder _recorder = null!;
    private IngestCounters _counters = null!;
    private Channel<LlmTrace> _channel = null!;
    private Logger _serilog = null!;
    private CountingSink _serilogSink = null!;
    private DropMonitor _serilogMonitor = null!;
    private LlmTrace[] _traces = null!;
    private ProducerGroup _producers = null!;
    private CancellationTokenSource _drainStop = null!;
    private Thread[] _drains = null!;
    private long _floorRefused;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddLogging().AddLlmTraceIngest(o => o.Queue.Capacity = Capacity).BuildServiceProvider();
        var queue = _services.GetRequiredService<TraceQueue>();
        _recorder = queue;
        _counters = _services.GetRequiredService<IngestCounters>();

        // The same options TraceQueue gives its channel.
        _channel = Channel.CreateBounded<LlmTrace>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });

        _serilogSink = new CountingSink();
        _serilogMonitor = new DropMonitor();
        _serilog = new LoggerConfiguration()
            .WriteTo.Async(a => a.Sink(_serilogSink), bufferSize: Capacity, blockWhenFull: false, monitor: _serilogMonitor)
            .CreateLogger();

        _traces = new LlmTrace[Producers + 1];
        for (var i = 0; i < _traces.Length; i++)
        {
            _traces[i] = WithIds(SampleTraces.Small(), i);
        }

        // Grow both channels' storage to full capacity now, not while measuring.
        for (var i = 0; i < Capacity; i++)
        {
            queue.Record(_traces[0]);
            _channel.Writer.TryWrite(_traces[0]);
        }

        while (queue.Reader.TryRead(out _) | _channel.Reader.TryRead(out _))
        {
        }

        _drainStop = new CancellationTokenSource();
        _drains =
        [
            new Thread(() => QueueDrain.Run(queue.Reader, _drainStop.Token)) { IsBackground = true, Name = "bench-drain-queue" },
            new Thread(() => QueueDrain.Run(_channel.Reader, _drainStop.Token)) { IsBackground = true, Name = "bench-drain-floor" },
        ];
        foreach (var drain in _drains)
        {
            drain.Start();
        }

        _producers = new ProducerGroup(Producers);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _producers.Dispose();
        _drainStop.Cancel();
        foreach (var drain in _drains)
        {
            drain.Join();
        }

        _serilog.Dispose();
        var refused = _counters.DroppedAtRecord;
        Console.WriteLine($"// drops: LlmIngest {refused}, floor {_floorRefused}, Serilog {_serilogMonitor.Dropped} (of {_serilogSink.Count} emitted)");
        _drainStop.Dispose();
        _services.Dispose();
        if (refused != 0 || _floorRefused != 0)
        {
            throw new InvalidOperationException($"The queue refused writes ({refused} record, {_floorRefused} floor): the figures would include the drop path.");
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("1 producer")]
    public bool ChannelTryWrite() => Floor(_traces[0]);

    [Benchmark]
    [BenchmarkCategory("1 producer")]
    public bool Record_IdsSupplied() => RecordSupplied(_traces[0]);

    [Benchmark]
    [BenchmarkCategory("1 producer")]
    public bool Record_IdsGenerated() => RecordGenerated(_traces[0]);

    // As the chat middleware and StartCall record: the timestamp was taken at call start, so Record reads no clock.
    [Benchmark]
    [BenchmarkCategory("1 producer")]
    public bool Record_IdsAndTimestampSupplied() => _recorder.Record(_traces[0]);

    [Benchmark]
    [BenchmarkCategory("1 producer")]
    public void SerilogAsync() => LogSerilog(_traces[0]);

    [Benchmark(Baseline = true, OperationsPerInvoke = Producers * PerProducer)]
    [BenchmarkCategory("4 producers")]
    public void ChannelTryWrite_4Producers() => _producers.Run(p =>
    {
        var trace = _traces[p + 1];
        for (var i = 0; i < PerProducer; i++)
        {
            Floor(trace);
        }
    });

    [Benchmark(OperationsPerInvoke = Producers * PerProducer)]
    [BenchmarkCategory("4 producers")]
    public void Record_IdsSupplied_4Producers() => _producers.Run(p =>
    {
        var trace = _traces[p + 1];
        for (var i = 0; i < PerProducer; i++)
        {
            RecordSupplied(trace);
        }
    });

    [Benchmark(OperationsPerInvoke = Producers * PerProducer)]
    [BenchmarkCategory("4 producers")]
    public void Record_IdsGenerated_4Producers() => _producers.Run(p =>
    {
        var trace = _traces[p + 1];
        for (var i = 0; i < PerProducer; i++)
        {
            RecordGenerated(trace);
        }
    });

    [Benchmark(OperationsPerInvoke = Producers * PerProducer)]
    [BenchmarkCategory("4 producers")]
    public void SerilogAsync_4Producers() => _producers.Run(p =>
    {
        var trace = _traces[p + 1];
        for (var i = 0; i < PerProducer; i++)
        {
            LogSerilog(trace);
        }
    });

    private static LlmTrace WithIds(LlmTrace trace, int index)
    {
        trace.TraceId = "0190f5c2a1b27c3d8e4f00000000000" + index;
        trace.SpanId = "a1b2c3d4e5f6a7b" + index;
        return trace;
    }

    private bool Floor(LlmTrace trace)
    {
        if (_channel.Writer.TryWrite(trace))
        {
            return true;
        }

        Interlocked.Increment(ref _floorRefused);
        return false;
    }

    // The recorder stamps a missing timestamp: clear it so every call does the full stamping work of a new trace.
    private bool RecordSupplied(LlmTrace trace)
    {
        trace.Timestamp = default;
        return _recorder.Record(trace);
    }

    private bool RecordGenerated(LlmTrace trace)
    {
        trace.TraceId = null;
        trace.SpanId = null;
        trace.Timestamp = default;
        return _recorder.Record(trace);
    }

    // The equivalent structured event: the ids and the fields an app would put in a log line about an LLM call.
    private void LogSerilog(LlmTrace trace) => _serilog.Information(
        "LLM call {TraceId} {SpanId} {Model} {FunctionName} {SessionId} {PromptTokens} {CompletionTokens} {LatencyMs}",
        trace.TraceId,
        trace.SpanId,
        trace.Model,
        trace.FunctionName,
        trace.SessionId,
        trace.PromptTokens,
        trace.CompletionTokens,
        trace.LatencyMs);

    private sealed class CountingSink : ILogEventSink
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public void Emit(LogEvent logEvent) => Interlocked.Increment(ref _count);
    }

    private sealed class DropMonitor : IAsyncLogEventSinkMonitor
    {
        private IAsyncLogEventSinkInspector? _inspector;

        public long Dropped => _inspector?.DroppedMessagesCount ?? -1;

        public void StartMonitoring(IAsyncLogEventSinkInspector inspector) => _inspector = inspector;

        public void StopMonitoring(IAsyncLogEventSinkInspector inspector)
        {
            // Keep the inspector: the drop count is read after the logger is disposed.
        }
    }
}
