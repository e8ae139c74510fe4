using BenchmarkDotNet.Attributes;
using LlmIngest.Processing;

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
    private BatchHarness _harness = null!;

    [Params(2)]
    public int LatencyMs { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _harness = new BatchHarness(8 * 1024, (spool, metrics) => new LatencyPayloadStore(spool, metrics, TimeSpan.FromMilliseconds(LatencyMs)));

    [GlobalCleanup]
    public void Cleanup() => _harness.Dispose();

    /// <summary>The floor: the batch's 256 waits alone, 8 at a time, with no other work.</summary>
    [Benchmark(Baseline = true)]
    public Task UploadsOnly() => Parallel.ForEachAsync(
        Enumerable.Range(0, BatchHarness.BatchSize),
        new ParallelOptions { MaxDegreeOfParallelism = 8 },
        (_, ct) => new ValueTask(Task.Delay(LatencyMs, ct)));

    [Benchmark]
    public Task ProcessBatch() => _harness.ProcessFreshBatchAsync();
}
