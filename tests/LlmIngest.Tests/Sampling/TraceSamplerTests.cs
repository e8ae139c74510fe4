using System.Buffers.Binary;
using System.Diagnostics;
using LlmIngest.Capture;
using LlmIngest.Sampling;

namespace LlmIngest.Tests.Sampling;

public sealed class TraceSamplerTests
{
    [Fact]
    public void AtRate10Percent_TwoServicesKeepTheSameTraces_AllErrors_AndTenPercentOfTheRest()
    {
        // Two services, each with its own sampler built from its own copy of the same settings.
        var serviceA = new TraceSampler(new SamplingOptions { Rate = 0.1 });
        var serviceB = new TraceSampler(new SamplingOptions { Rate = 0.1 });
        var random = new Random(16);
        var keptA = new HashSet<string>(StringComparer.Ordinal);
        var keptB = new HashSet<string>(StringComparer.Ordinal);
        var errors = 0;
        var errorsKept = 0;
        var keptOk = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var failed = random.NextDouble() < 0.03;
            var trace = new LlmTrace
            {
                TraceId = RandomW3CTraceId(random),
                TenantId = "t" + random.Next(5),
                LatencyMs = random.NextDouble() * 20_000,
                Error = failed ? "boom" : null,
            };
            var a = serviceA.Decide(trace) == SamplingOutcome.Keep;
            var b = serviceB.Decide(trace) == SamplingOutcome.Keep;
            if (a)
            {
                keptA.Add(trace.TraceId);
            }

            if (b)
            {
                keptB.Add(trace.TraceId);
            }

            errors += failed ? 1 : 0;
            errorsKept += failed && a ? 1 : 0;
            keptOk += !failed && a ? 1 : 0;
        }

        Assert.True(keptA.SetEquals(keptB), "the two services kept different traces");
        Assert.InRange(errors, 2_500, 3_500);
        Assert.Equal(errors, errorsKept);
        var share = keptOk / (double)(100_000 - errors);
        Assert.InRange(share, 0.095, 0.105);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void W3CTraceIds_AreKeptExactlyWhenOpenTelemetrysTraceIdRatioBasedSamplerWouldSampleThem(double rate)
    {
        var sampler = new TraceSampler(new SamplingOptions { Rate = rate });
        var bound = (long)(rate * long.MaxValue);
        Span<byte> bytes = stackalloc byte[16];
        var lookGenerated = 0;
        for (var i = 0; i < 20_000; i++)
        {
            // The OTel SDK's rule, written out independently: the id's first 8 bytes big-endian, sign bit cleared, < bound.
            var id = ActivityTraceId.CreateRandom();
            if (TraceIdRatio.LooksGenerated(id.ToHexString()))
            {
                lookGenerated++; // shaped like the library's own UUIDv7 ids (about 1 in 36,000): hashed instead
                continue;
            }

            id.CopyTo(bytes);
            var otel = (BinaryPrimitives.ReadInt64BigEndian(bytes) & long.MaxValue) < bound;

            var kept = sampler.Decide(new LlmTrace { TraceId = id.ToHexString() }) == SamplingOutcome.Keep;

            Assert.True(otel == kept, $"{id} at {rate}: OpenTelemetry {(otel ? "samples" : "drops")} it");
        }

        Assert.InRange(lookGenerated, 0, 10);
    }

    [Fact]
    public void GeneratedIds_LookGenerated()
    {
        Assert.True(TraceIdRatio.LooksGenerated(TraceIdentifiers.NewTraceId()));
        Assert.False(TraceIdRatio.LooksGenerated("4bf92f3577b34da6a3ce929d0e0e4736"));
        Assert.False(TraceIdRatio.LooksGenerated("order-1"));
    }

    [Fact]
    public void TheRule_ComparesTheFirst8BytesWithTheSignBitCleared()
    {
        var sampler = new TraceSampler(new SamplingOptions { Rate = 0.5 });

        Assert.Equal(SamplingOutcome.Keep, sampler.Decide(new LlmTrace { TraceId = "3fffffffffffffff" + new string('f', 16) }));
        Assert.Equal(SamplingOutcome.DropByRate, sampler.Decide(new LlmTrace { TraceId = "4000000000000001" + new string('0', 16) }));
        Assert.Equal(SamplingOutcome.Keep, sampler.Decide(new LlmTrace { TraceId = "8000000000000001" + new string('0', 16) })); // sign bit cleared
        Assert.Equal(SamplingOutcome.DropByRate, sampler.Decide(new LlmTrace { TraceId = "FFFFFFFFFFFFFFFF" + new string('0', 16) }));
    }

    [Fact]
    public void CustomIds_AreDecidedDeterministically_AndKeepTheirShare()
    {
        var serviceA = new TraceSampler(new SamplingOptions { Rate = 0.1 });
        var serviceB = new TraceSampler(new SamplingOptions { Rate = 0.1 });
        var kept = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var trace = new LlmTrace { TraceId = $"order-{i}.checkout" };
            var a = serviceA.Decide(trace);

            Assert.Equal(a, serviceB.Decide(trace));
            Assert.Equal(a, serviceA.Decide(new LlmTrace { TraceId = $"order-{i}.checkout" }));
            kept += a == SamplingOutcome.Keep ? 1 : 0;
        }

        Assert.InRange(kept / 20_000.0, 0.09, 0.11);
    }

    [Fact]
    public void GeneratedUuidV7Ids_WhoseFirstBytesAreAClock_StillKeepTheirShare()
    {
        // All made in the same millisecond: by their first 8 bytes they would be kept or dropped all together.
        var sampler = new TraceSampler(new SamplingOptions { Rate = 0.1 });
        var at = new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero);
        var kept = Enumerable.Range(0, 20_000).Count(_ => sampler.Decide(new LlmTrace { TraceId = TraceIdentifiers.NewTraceId(at) }) == SamplingOutcome.Keep);

        Assert.InRange(kept / 20_000.0, 0.09, 0.11);
    }

    [Fact]
    public void TheMostSpecificRateWins_FunctionThenTenantThenRate()
    {
        var sampler = new TraceSampler(new SamplingOptions
        {
            Rate = 0,
            TenantRates = { ["gold"] = 1 },
            FunctionRates = { ["classify"] = 0, ["answer"] = 1 },
        });
        var id = ActivityTraceId.CreateRandom().ToHexString();

        Assert.Equal(SamplingOutcome.DropByRate, sampler.Decide(new LlmTrace { TraceId = id, TenantId = "free" }));
        Assert.Equal(SamplingOutcome.Keep, sampler.Decide(new LlmTrace { TraceId = id, TenantId = "gold" }));
        Assert.Equal(SamplingOutcome.DropByRate, sampler.Decide(new LlmTrace { TraceId = id, TenantId = "gold", FunctionName = "classify" }));
        Assert.Equal(SamplingOutcome.Keep, sampler.Decide(new LlmTrace { TraceId = id, TenantId = "free", FunctionName = "answer" }));
    }

    [Fact]
    public void ErrorsAndSlowCalls_AreKeptAtRateZero_UnlessKeepErrorsIsOff()
    {
        var sampler = new TraceSampler(new SamplingOptions { Rate = 0, KeepSlowerThan = TimeSpan.FromSeconds(2) });
        var noErrors = new TraceSampler(new SamplingOptions { Rate = 0, KeepErrors = false });
        var id = ActivityTraceId.CreateRandom().ToHexString();

        Assert.Equal(SamplingOutcome.Keep, sampler.Decide(new LlmTrace { TraceId = id, Error = "boom" }));
        Assert.Equal(SamplingOutcome.Keep, sampler.Decide(new LlmTrace { TraceId = id, ErrorType = "rate_limit" }));
        Assert.Equal(SamplingOutcome.Keep, sampler.Decide(new LlmTrace { TraceId = id, LatencyMs = 2_001 }));
        Assert.Equal(SamplingOutcome.DropByRate, sampler.Decide(new LlmTrace { TraceId = id, LatencyMs = 2_000 }));
        Assert.Equal(SamplingOutcome.DropByRate, noErrors.Decide(new LlmTrace { TraceId = id, Error = "boom" }));
    }

    [Fact]
    public void TheUpstreamFlag_DecidesWhenHonoured_ButNeverDropsAnError()
    {
        var honour = new TraceSampler(new SamplingOptions { Rate = 1, HonorUpstreamSampledFlag = true });
        var ignore = new TraceSampler(new SamplingOptions { Rate = 1 });
        var id = ActivityTraceId.CreateRandom().ToHexString();

        Assert.Equal(SamplingOutcome.Keep, honour.Decide(new LlmTrace { TraceId = id, UpstreamSampled = true }));
        Assert.Equal(SamplingOutcome.DropByUpstream, honour.Decide(new LlmTrace { TraceId = id, UpstreamSampled = false }));
        Assert.Equal(SamplingOutcome.Keep, honour.Decide(new LlmTrace { TraceId = id, UpstreamSampled = null })); // no upstream: the rate
        Assert.Equal(SamplingOutcome.Keep, honour.Decide(new LlmTrace { TraceId = id, UpstreamSampled = false, Error = "boom" }));
        Assert.Equal(SamplingOutcome.Keep, ignore.Decide(new LlmTrace { TraceId = id, UpstreamSampled = false }));
    }

    [Theory]
    [InlineData(ActivityTraceFlags.Recorded, true)]
    [InlineData(ActivityTraceFlags.None, false)]
    public void ACallUnderAnActivity_CarriesItsSampledFlag_AndSoDoesAnOperationBegunUnderIt(ActivityTraceFlags flags, bool sampled)
    {
        using var activity = new Activity("request");
        activity.SetIdFormat(ActivityIdFormat.W3C);
        activity.SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), flags); // as from a traceparent
        activity.Start();
        activity.ActivityTraceFlags = flags;

        var call = new LlmTrace();
        TraceContext.Stamp(call);
        Assert.Equal(sampled, call.UpstreamSampled);

        using var operation = new LlmOperation("agent", null, null, null, null, null);
        var inOperation = new LlmTrace();
        TraceContext.Stamp(inOperation);
        Assert.Equal(sampled, inOperation.UpstreamSampled);
        Assert.Equal(activity.TraceId.ToHexString(), inOperation.TraceId);
    }

    [Fact]
    public void ACallWithoutAnActivity_HasNoUpstreamFlag()
    {
        Assert.Null(Activity.Current);
        var call = new LlmTrace();
        TraceContext.Stamp(call);

        Assert.Null(call.UpstreamSampled);
    }

    private static string RandomW3CTraceId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
