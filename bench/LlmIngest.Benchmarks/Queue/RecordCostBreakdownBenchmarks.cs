using BenchmarkDotNet.Attributes;
using LlmIngest.Capture;
using LlmIngest.Diagnostics;

namespace LlmIngest.Benchmarks.Queue;

/// <summary>
/// The parts of the record call apart from the channel write, each alone, to account for the gap between
/// <see cref="RecordHotPathBenchmarks"/>' <c>Record_IdsSupplied</c> and its bare <c>ChannelTryWrite</c>: the wall-clock
/// timestamp, the id checks that keep storage keys safe, and the two interlocked counts behind the Meter's exact
/// <c>recorded == accepted + dropped</c>.
/// </summary>
[MemoryDiagnoser]
public class RecordCostBreakdownBenchmarks
{
    private readonly IngestCounters _counters = new();
    private readonly LlmTrace _trace = SampleTraces.Small();

    [GlobalSetup]
    public void Setup()
    {
        _trace.TraceId = "0190f5c2a1b27c3d8e4f000000000001";
        _trace.SpanId = "a1b2c3d4e5f6a7b1";
        _trace.TenantId = "default";
        _trace.Timestamp = TimeProvider.System.GetUtcNow();
    }

    [Benchmark]
    public DateTimeOffset Timestamp_GetUtcNow() => TimeProvider.System.GetUtcNow();

    [Benchmark]
    public bool Ids_Validate() =>
        TraceIdentifiers.IsValid(_trace.TraceId) && TraceIdentifiers.IsValid(_trace.SpanId) && TraceIdentifiers.IsValid(_trace.TenantId, 64);

    /// <summary>Generating both ids as the recorder did before it shared the timestamp's clock read with the UUIDv7.</summary>
    [Benchmark]
    public int Ids_GenerateWithTheirOwnClockRead() => TraceIdentifiers.NewTraceId().Length + TraceIdentifiers.NewSpanId().Length;

    /// <summary>Generating both ids as the recorder does: the UUIDv7 takes the timestamp just stamped.</summary>
    [Benchmark]
    public int Ids_GenerateFromTheTimestamp() => TraceIdentifiers.NewTraceId(_trace.Timestamp).Length + TraceIdentifiers.NewSpanId().Length;

    /// <summary>The record call's one count: accepted (calls are accepted plus dropped at record).</summary>
    [Benchmark]
    public long Counters_Accept()
    {
        _counters.Accept();
        return _counters.Accepted;
    }
}
