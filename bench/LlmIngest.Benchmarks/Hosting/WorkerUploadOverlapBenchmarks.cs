using BenchmarkDotNet.Attributes;
using LlmIngest.Diagnostics;
using LlmIngest.Hosting;
using LlmIngest.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LlmIngest.Benchmarks.Hosting;

/// <summary>
/// One batch of 256 traces of 8 KB through <see cref="TraceBatchProcessor.ProcessAsync"/> with a store whose uploads take
/// a steady <see cref="LatencyMs"/> each, 8 at a time (the default <c>MaxConcurrency</c>). The floor is the uploads
/// alone: 256 / 8 × latency. What the worker adds above it is the CPU work it does not overlap with the network.
/// Mean is per batch; <see cref="UploadsOnly"/> is that floor as this machine's timers deliver it.
/// </summary>
[MemoryDiagnoser]
public class WorkerUploadOverlapBenchmarks
{
    private const int BatchSize = 256;

    private string _directory = null!;
    private ServiceProvider _services = null!;
    private TraceBatchProcessor _processor = null!;
    private LlmTrace[] _sources = null!;
    private List<LlmTrace> _batch = null!;

    [Params(2)]
    public int LatencyMs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "llmingest-bench-" + Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IPayloadStore>(sp => new LatencyPayloadStore(Path.Combine(_directory, "spool"), sp.GetRequiredService<StorageMetrics>(), TimeSpan.FromMilliseconds(LatencyMs)));
        services.AddLlmTraceIngest(o =>
        {
            o.Log.Directory = Path.Combine(_directory, "logs");
            o.Log.MaxFileSizeBytes = 64L * 1024 * 1024;
            o.Log.RetainedFileCount = 2;
            o.Storage.MaxConcurrency = 8;
        });
        _services = services.BuildServiceProvider();
        _processor = _services.GetRequiredService<TraceBatchProcessor>();
        _sources = new LlmTrace[BatchSize];
        for (var i = 0; i < BatchSize; i++)
        {
            _sources[i] = SampleTraces.OfSize(8 * 1024, i);
        }

        _batch = new List<LlmTrace>(BatchSize);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var counters = _services.GetRequiredService<IngestCounters>();
        Console.WriteLine($"// processed {counters.Processed}, failed {counters.ProcessingFailed}, payloads stored {counters.PayloadsStored}");
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
        if (counters.ProcessingFailed != 0 || counters.PayloadsStored != counters.Processed)
        {
            throw new InvalidOperationException("Not every trace was stored: the figure would not be of the full pipeline.");
        }
    }

    /// <summary>The floor: the batch's 256 waits alone, 8 at a time, with no other work.</summary>
    [Benchmark(Baseline = true)]
    public Task UploadsOnly() => Parallel.ForEachAsync(
        Enumerable.Range(0, BatchSize),
        new ParallelOptions { MaxDegreeOfParallelism = 8 },
        (_, ct) => new ValueTask(Task.Delay(LatencyMs, ct)));

    [Benchmark]
    public Task ProcessBatch()
    {
        _batch.Clear();
        foreach (var source in _sources)
        {
            _batch.Add(SampleTraces.Fresh(source));
        }

        return _processor.ProcessAsync(_batch, CancellationToken.None);
    }
}
