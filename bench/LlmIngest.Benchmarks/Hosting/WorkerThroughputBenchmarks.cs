using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LlmIngest.Processing;

namespace LlmIngest.Benchmarks.Hosting;

/// <summary>
/// The worker's per-trace cost with storage excluded: <see cref="TraceBatchProcessor.ProcessAsync"/> on batches of 256
/// (the default batch size) — costing, redaction, serialization, SHA-256, the JSONL line appended to a real rolling file
/// with one flush per batch, and gzip plus metadata as the S3 store prepares an upload, which is then discarded.
/// Mean is per trace; traces/s = 1e9 / Mean. The batch runs on one thread, so that is the rate of one core.
/// </summary>
/// <remarks>Each invocation processes fresh copies of the traces; the copy is a few hundred nanoseconds of the figure.</remarks>
[MemoryDiagnoser]
public class WorkerThroughputBenchmarks
{
    private BatchHarness _harness = null!;

    [Params(2 * 1024, 8 * 1024, 64 * 1024)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _harness = new BatchHarness(PayloadBytes, (spool, metrics) => new CompressingNullPayloadStore(spool, metrics));
        var size = JsonSerializer.SerializeToUtf8Bytes(_harness.Sample, LlmIngestJsonContext.Relaxed.LlmTrace).Length;
        Console.WriteLine($"// payload: {size} bytes of JSON before redaction (target {PayloadBytes})");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var store = (CompressingNullPayloadStore)_harness.Store;
        Console.WriteLine($"// gzip {store.BodyBytes / Math.Max(1, store.Count)} bytes per payload");
        _harness.Dispose();
    }

    [Benchmark(OperationsPerInvoke = BatchHarness.BatchSize)]
    public Task ProcessBatch() => _harness.ProcessFreshBatchAsync();
}
