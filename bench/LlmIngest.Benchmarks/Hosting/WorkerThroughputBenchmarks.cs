using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LlmIngest.Diagnostics;
using LlmIngest.Hosting;
using LlmIngest.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LlmIngest.Benchmarks.Hosting;

/// <summary>
/// The worker's per-trace cost with storage excluded: <see cref="TraceBatchProcessor.ProcessAsync"/> on batches of 256
/// (the default batch size) — costing, redaction, serialization, SHA-256, the JSONL line appended to a real rolling file
/// with one flush per batch, and gzip plus metadata as the S3 store prepares an upload, which is then discarded.
/// Mean is per trace; traces/s = 1e9 / Mean. The batch runs on one thread, so that is the rate of one core.
/// </summary>
/// <remarks>Each invocation processes fresh copies of the traces (new message objects, same strings), since redaction
/// replaces message text in place; the copy is a few hundred nanoseconds of the figure.</remarks>
[MemoryDiagnoser]
public class WorkerThroughputBenchmarks
{
    private const int BatchSize = 256;

    private string _directory = null!;
    private ServiceProvider _services = null!;
    private TraceBatchProcessor _processor = null!;
    private CompressingNullPayloadStore _store = null!;
    private LlmTrace[] _sources = null!;
    private List<LlmTrace> _batch = null!;

    [Params(2 * 1024, 8 * 1024, 64 * 1024)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "llmingest-bench-" + Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IPayloadStore>(sp => _store = new CompressingNullPayloadStore(Path.Combine(_directory, "spool"), sp.GetRequiredService<StorageMetrics>()));
        services.AddLlmTraceIngest(o =>
        {
            o.Log.Directory = Path.Combine(_directory, "logs");
            o.Log.MaxFileSizeBytes = 64L * 1024 * 1024;
            o.Log.RetainedFileCount = 2;
        });
        _services = services.BuildServiceProvider();
        _processor = _services.GetRequiredService<TraceBatchProcessor>();
        _ = _services.GetRequiredService<IPayloadStore>();

        _sources = new LlmTrace[BatchSize];
        for (var i = 0; i < BatchSize; i++)
        {
            _sources[i] = SampleTraces.OfSize(PayloadBytes, i);
        }

        _batch = new List<LlmTrace>(BatchSize);
        var size = JsonSerializer.SerializeToUtf8Bytes(_sources[0], LlmIngestJsonContext.Relaxed.LlmTrace).Length;
        Console.WriteLine($"// payload: {size} bytes of JSON before redaction (target {PayloadBytes})");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var counters = _services.GetRequiredService<IngestCounters>();
        Console.WriteLine($"// processed {counters.Processed}, failed {counters.ProcessingFailed}, gzip {_store.BodyBytes / Math.Max(1, _store.Count)} bytes per payload");
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
        if (counters.ProcessingFailed != 0)
        {
            throw new InvalidOperationException($"{counters.ProcessingFailed} traces failed: the figures would not be of the full pipeline.");
        }
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
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
