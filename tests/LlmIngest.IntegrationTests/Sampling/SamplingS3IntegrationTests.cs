using System.Diagnostics;
using System.Net;
using System.Text.Json;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.Sampling;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace LlmIngest.IntegrationTests.Sampling;

/// <summary>
/// Sampling against the real S3 server: the whole host at <c>Sampling:Rate</c> 0.3 with <c>KeepErrors</c> records
/// generated calls made under W3C activities (random trace ids and flags, about 5% failing). The bucket, read with our
/// own plain-HTTP S3 client, holds exactly the kept calls — the trace ids the OpenTelemetry SDK's own
/// <see cref="TraceIdRatioBasedSampler"/> at 0.3 samples, plus every error — and the JSONL index and
/// <c>llmtrace stats --json</c> say what happened to the others, per <see cref="SampledOutMode"/>.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class SamplingS3IntegrationTests(S3ServerFixture s3) : IAsyncLifetime, IDisposable
{
    private const double Rate = 0.3;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();
    private TestBucket? _bucket;

    private TestBucket Bucket => _bucket!;

    private string Logs => _folder.Combine("logs");

    public async Task InitializeAsync() => _bucket = await s3.CreateBucketAsync("sampling");

    public async Task DisposeAsync()
    {
        if (_bucket is not null)
        {
            await _bucket.DisposeAsync();
        }
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(SampledOutMode.IndexLineOnly, 16)]
    [InlineData(SampledOutMode.Nothing, 17)]
    public async Task Sampling_AtRate03_StoresExactlyTheTracesTheOtelSamplerKeepsPlusEveryError(SampledOutMode mode, int seed)
    {
        var calls = await RecordAsync(mode, traces: 300, seed);
        var otel = new TraceIdRatioBasedSampler(Rate);
        var kept = calls.Where(c => c.Failed || Samples(otel, c.TraceId)).ToList();
        var dropped = calls.Except(kept).ToList();
        Assert.InRange(calls.Count(c => c.Failed), 10, 50);
        Assert.InRange(kept.Count(c => !c.Failed), calls.Count(c => !c.Failed) * 0.2, calls.Count(c => !c.Failed) * 0.4);
        Assert.Contains(dropped, d => kept.Any(k => k.Failed && k.TraceId == d.TraceId)); // an error kept in a trace the rate drops

        // The bucket, listed and read over plain HTTP: one object per kept call, none for the others (the shipped
        // index's traces/_index*/ objects aside).
        using var reader = SigV4Client.For(s3);
        var keys = (await reader.ListKeysAsync(Bucket.Name, "traces/")).Where(k => !k.StartsWith("traces/_", StringComparison.Ordinal)).ToList();
        var lines = ReadLines();
        var keptLines = kept.Select(c => lines[c.SpanId]).ToList();
        Assert.Equal(keptLines.Select(l => l.GetProperty("payload_key").GetString()!).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        foreach (var line in keptLines)
        {
            Assert.True(line.GetProperty("payload_stored").GetBoolean());
            Assert.False(line.TryGetProperty("sampled_out", out _));
            using var head = await reader.HeadAsync(Bucket.Name, line.GetProperty("payload_key").GetString()!);
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(line.GetProperty("span_id").GetString(), head.Headers.GetValues("x-amz-meta-span-id").Single());
            Assert.Equal(line.GetProperty("payload_sha256").GetString(), head.Headers.GetValues("x-amz-meta-sha256").Single());
        }

        if (mode == SampledOutMode.IndexLineOnly)
        {
            Assert.Equal(calls.Count, lines.Count);
            foreach (var line in dropped.Select(c => lines[c.SpanId]))
            {
                Assert.True(line.GetProperty("sampled_out").GetBoolean());
                Assert.False(line.GetProperty("payload_stored").GetBoolean());
                Assert.Equal(string.Empty, line.GetProperty("payload_key").GetString());
            }
        }
        else
        {
            Assert.Equal(kept.Count, lines.Count);
            Assert.All(dropped, c => Assert.False(lines.ContainsKey(c.SpanId)));
        }

        // llmtrace stats counts what the index holds: sampled-out lines are calls too, marked apart.
        var stats = await LlmTraceCli.RunAsync("stats", "--log", Logs, "--json");
        Assert.True(stats.ExitCode == 0, stats.ToString());
        using var document = JsonDocument.Parse(stats.Stdout);
        var indexed = mode == SampledOutMode.IndexLineOnly ? calls.Count : kept.Count;
        Assert.Equal(indexed, document.RootElement.GetProperty("total").GetProperty("calls").GetInt64());
        Assert.Equal(mode == SampledOutMode.IndexLineOnly ? dropped.Count : 0, document.RootElement.GetProperty("sampled_out").GetInt64());
        Assert.Equal(calls.Count(c => c.Failed), document.RootElement.GetProperty("total").GetProperty("errors").GetInt64());
    }

    private async Task<List<SampledCall>> RecordAsync(SampledOutMode mode, int traces, int seed)
    {
        var random = new Random(seed);
        var calls = new List<SampledCall>();
        await using var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, Bucket.Name);
            o.Log.Directory = Logs;
            o.Sampling.Rate = Rate;
            o.Sampling.KeepErrors = true;
            o.Sampling.SampledOut = mode;
        });
        await host.StartAsync();
        var tracer = host.Services.GetRequiredService<ILlmTracer>();
        var previous = Activity.Current;
        try
        {
            for (var t = 0; t < traces; t++)
            {
                // A request that arrived with a traceparent: random W3C ids; its sampled flag is ignored unless HonorUpstreamSampledFlag.
                Activity.Current = null;
                using var request = new Activity("request")
                    .SetParentId(RandomTraceId(random), RandomSpanId(random), random.Next(2) == 0 ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None)
                    .Start();
                for (var step = random.Next(1, 4); step > 0; step--)
                {
                    using var call = tracer.StartCall("gpt-4o-mini", [new LlmMessage("user", $"question {t}.{step}")]);
                    var failed = random.NextDouble() < 0.05;
                    if (failed)
                    {
                        call.Fail(new HttpRequestException("Too many requests", null, HttpStatusCode.TooManyRequests));
                    }
                    else
                    {
                        call.Complete($"answer {t}.{step}", new Microsoft.Extensions.AI.UsageDetails { InputTokenCount = 10, OutputTokenCount = 2 });
                    }

                    Assert.Equal(request.TraceId.ToHexString(), call.Trace.TraceId);
                    calls.Add(new SampledCall(call.Trace.TraceId!, call.Trace.SpanId!, failed));
                }
            }
        }
        finally
        {
            Activity.Current = previous;
        }

        await host.Recorder.FlushAsync().WaitAsync(Budget);
        await host.StopAsync();
        var dropped = calls.Count(c => !c.Failed && !Samples(new TraceIdRatioBasedSampler(Rate), c.TraceId));
        Assert.Equal(dropped, host.Metric("llmingest.traces.sampled_out"));
        Assert.Equal(calls.Count - dropped, host.Metric("llmingest.payloads.stored"));
        return calls;
    }

    /// <summary>Every call line of the log by span id (operations' own lines have none here).</summary>
    private Dictionary<string, JsonElement> ReadLines() =>
        Directory.GetFiles(Logs, "*.jsonl").SelectMany(File.ReadAllLines).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(l => l.GetProperty("span_id").GetString()!, StringComparer.Ordinal);

    private static bool Samples(TraceIdRatioBasedSampler sampler, string traceId) =>
        sampler.ShouldSample(new SamplingParameters(default, ActivityTraceId.CreateFromString(traceId), "call", ActivityKind.Client)).Decision == SamplingDecision.RecordAndSample;

    private static ActivityTraceId RandomTraceId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        do
        {
            random.NextBytes(bytes);
        }
        while (TraceIdRatio.LooksGenerated(Convert.ToHexStringLower(bytes))); // 1 in ~36,000 looks like the library's own UUIDv7 ids, hashed instead

        return ActivityTraceId.CreateFromBytes(bytes);
    }

    private static ActivitySpanId RandomSpanId(Random random)
    {
        Span<byte> bytes = stackalloc byte[8];
        random.NextBytes(bytes);
        return ActivitySpanId.CreateFromBytes(bytes);
    }

    private sealed record SampledCall(string TraceId, string SpanId, bool Failed);
}
