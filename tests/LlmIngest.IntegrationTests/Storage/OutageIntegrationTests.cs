using System.Diagnostics;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.Storage;

namespace LlmIngest.IntegrationTests.Storage;

/// <summary>S3 (the real radosgw) goes away in the middle of the traffic and comes back: nothing is lost or duplicated.</summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class OutageIntegrationTests(S3ServerFixture s3) : IDisposable
{
    private const int Traces = 5_000;
    private const string Tenant = "outage";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(21);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Outage_RadosgwStoppedWhileRecording5000TracesFor20Seconds_EndsWithEveryPayloadInTheBucketOnceAndTheSpoolEmpty()
    {
        await using var bucket = await s3.CreateBucketAsync("outage");
        await using var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, bucket.Name);
            o.DefaultTenant = Tenant;
            o.Log.Directory = _folder.Path;
            o.Storage.S3.MaxAttempts = 2;
            o.Storage.S3.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
            o.Storage.S3.RequestTimeout = TimeSpan.FromSeconds(5);
        });
        await host.StartAsync();

        // Record at a steady pace for about 30 s; the gateway is down from ~3 s to ~24 s.
        var clock = Stopwatch.StartNew();
        var stopped = TimeSpan.Zero;
        var restarted = TimeSpan.Zero;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(60));
        var recorded = 0;
        var spooledDuringOutage = 0L;
        while (recorded < Traces)
        {
            await tick.WaitForNextTickAsync();
            for (var i = 0; i < 10 && recorded < Traces; i++, recorded++)
            {
                Assert.True(host.Recorder.Record(Trace(recorded)));
            }

            if (stopped == TimeSpan.Zero && recorded >= 500)
            {
                await s3.StopServerAsync();
                stopped = clock.Elapsed;
            }
            else if (stopped != TimeSpan.Zero && restarted == TimeSpan.Zero && clock.Elapsed - stopped >= Outage)
            {
                spooledDuringOutage = host.Metric("llmingest.spool.depth");
                await s3.StartServerAsync();
                restarted = clock.Elapsed;
            }
        }

        Assert.True(restarted > TimeSpan.Zero, "the gateway was stopped and restarted while recording");
        Assert.True(spooledDuringOutage > 500, $"payloads spooled during the outage: {spooledDuringOutage}");
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await Poll.UntilAsync(() => host.Metric("llmingest.spool.depth") <= 0, TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(200));

        await host.StopAsync();
        Assert.Equal(0, host.Metric("llmingest.spool.depth"));
        Assert.Empty(Directory.GetFiles(host.Options.Storage.Spool.Directory, "*.spool"));

        var lines = PreviewLogLine.ReadFolder(_folder.Path);
        Assert.Equal(Traces, lines.Count);
        Assert.All(lines, line => Assert.True(line.PayloadStored));
        var keys = await bucket.ListPayloadKeysAsync($"traces/{Tenant}/");
        Assert.Equal(Traces, keys.Count);
        Assert.Equal(lines.Select(l => l.PayloadKey).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));

        var store = host.Store;
        await Parallel.ForEachAsync(lines, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (line, ct) =>
        {
            var payload = await store.ReadAsync(Tenant, line.TraceId, line.SpanId, ct);
            Assert.NotNull(payload);
            Assert.Equal(line.PayloadSha256, payload.Sha256);
            Assert.True(payload.IsIntact);
        });
    }

    private static LlmTrace Trace(int i) => new()
    {
        Model = "gpt-4o-mini",
        FunctionName = "outage_test",
        Messages = [new LlmMessage("user", $"question {i}: " + new string('q', 200 + (i % 50)))],
        Response = $"answer {i}",
        LatencyMs = 100 + i,
        Error = i % 10 == 0 ? "rate limited" : null,
    };
}
