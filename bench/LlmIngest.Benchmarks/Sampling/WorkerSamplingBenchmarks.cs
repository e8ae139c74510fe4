using BenchmarkDotNet.Attributes;
using LlmIngest.Benchmarks.Hosting;

namespace LlmIngest.Benchmarks.Sampling;

/// <summary>
/// The worker's cost of a call sampling leaves out against one it keeps: <c>TraceBatchProcessor.ProcessAsync</c> on
/// batches of 256 traces of 8 KB (as <see cref="WorkerThroughputBenchmarks"/>: costing, redaction, serialization,
/// SHA-256, gzip for a store that discards the body, the JSONL line on a real file). <c>Kept</c>: rate 1, every payload
/// stored. <c>SampledOutLineOnly</c>: rate 0, a line marked <c>sampled_out</c> and no payload (previews still redacted).
/// <c>SampledOutNothing</c>: rate 0, nothing written. Mean is per trace.
/// </summary>
[MemoryDiagnoser]
public class WorkerSamplingBenchmarks
{
    private BatchHarness _harness = null!;

    [Params("Kept", "SampledOutLineOnly", "SampledOutNothing")]
    public string Call { get; set; } = "Kept";

    [GlobalSetup]
    public void Setup() => _harness = new BatchHarness(
        8 * 1024,
        (spool, metrics) => new CompressingNullPayloadStore(spool, metrics),
        o =>
        {
            o.Sampling.Rate = Call == "Kept" ? 1.0 : 0.0;
            o.Sampling.SampledOut = Call == "SampledOutNothing" ? SampledOutMode.Nothing : SampledOutMode.IndexLineOnly;
        });

    [GlobalCleanup]
    public void Cleanup()
    {
        var counters = _harness.Counters;
        var sampledOut = counters.SampledOutByRate;
        _harness.Dispose();
        if (sampledOut != (Call == "Kept" ? 0 : counters.Processed))
        {
            throw new InvalidOperationException($"{sampledOut} of {counters.Processed} traces sampled out for case {Call}: the figure would be of the wrong path.");
        }
    }

    [Benchmark(OperationsPerInvoke = BatchHarness.BatchSize)]
    public Task ProcessBatch() => _harness.ProcessFreshBatchAsync();
}
