using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using LlmIngest.Capture;
using LlmIngest.Sampling;

namespace LlmIngest.Benchmarks.Sampling;

/// <summary>
/// The cost of one keep-or-drop decision on the worker (<see cref="TraceSampler.Decide"/>) at <c>Sampling:Rate</c> 0.1:
/// a W3C trace id (an id from an OpenTelemetry-traced app: its first 16 hex digits parsed, OTel's ratio rule) and the
/// library's own UUIDv7 id (hashed with XxHash64: its leading bytes are a clock), beside the default rate 1 that skips
/// the decision. Mean is per decision, over 1,024 distinct ids per invocation.
/// </summary>
public class SamplingDecisionBenchmarks
{
    private const int Ids = 1024;

    private readonly LlmTrace[] _w3c = new LlmTrace[Ids];
    private readonly LlmTrace[] _uuidV7 = new LlmTrace[Ids];
    private readonly TraceSampler _atTenth = new(new SamplingOptions { Rate = 0.1 });
    private readonly TraceSampler _keepAll = new(new SamplingOptions());

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Ids; i++)
        {
            _w3c[i] = new LlmTrace { TraceId = ActivityTraceId.CreateRandom().ToHexString(), LatencyMs = 400 };
            _uuidV7[i] = new LlmTrace { TraceId = TraceIdentifiers.NewTraceId(), LatencyMs = 400 };
        }

        // The figures are of real decisions: about a tenth kept, by either rule.
        foreach (var ids in new[] { _w3c, _uuidV7 })
        {
            var kept = Decide(_atTenth, ids);
            if (kept is < 50 or > 160)
            {
                throw new InvalidOperationException($"{kept} of {Ids} ids kept at rate 0.1");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ids)]
    public int KeepAll_W3cId() => Decide(_keepAll, _w3c);

    [Benchmark(OperationsPerInvoke = Ids)]
    public int Rate01_W3cId() => Decide(_atTenth, _w3c);

    [Benchmark(OperationsPerInvoke = Ids)]
    public int Rate01_UuidV7Id() => Decide(_atTenth, _uuidV7);

    private static int Decide(TraceSampler sampler, LlmTrace[] traces)
    {
        var kept = 0;
        foreach (var trace in traces)
        {
            kept += sampler.Decide(trace) == SamplingOutcome.Keep ? 1 : 0;
        }

        return kept;
    }
}
