using System.Diagnostics;
using System.Security.Cryptography;
using LlmIngest.IntegrationTests.Support;

namespace LlmIngest.IntegrationTests.Storage;

/// <summary>
/// Acceptance (issue 15): recording 300 traces/s for 40 s through a 15 s S3 outage, then a graceful stop right away
/// with S3 answering, leaves the spool empty and every accepted trace's payload in the bucket, as an independent
/// check sees it: accepted ids from the local JSONL log's call lines, objects listed and read with our own SigV4 client
/// (not AWSSDK), and the shipped index segments (read the same way) holding exactly the local log's lines. The index
/// ships every 5 s, so segments too go through the spool during the outage. The outage is a
/// <see cref="TcpOutageProxy"/> in front of the shared gateway.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class GracefulStopAfterOutageIntegrationTests(S3ServerFixture s3) : IDisposable
{
    private const int PerSecond = 300;
    private const int Ticks = 10; // per second
    private const string Tenant = "gracefulstop";
    private static readonly TimeSpan Recording = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan OutageStart = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OutageEnd = TimeSpan.FromSeconds(25);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Record300PerSecondFor40s_ThroughA15sOutage_ThenStopAtOnce_LeavesTheSpoolEmptyAndEveryAcceptedPayloadInTheBucket()
    {
        await using var bucket = await s3.CreateBucketAsync("gracefulstop");
        await using var proxy = new TcpOutageProxy(s3.Endpoint);
        await using var host = IngestTestHost.Create(
            o =>
            {
                s3.ConfigureS3Storage(o.Storage, bucket.Name);
                o.Storage.S3.ServiceUrl = proxy.Url;
                o.Storage.S3.RequestTimeout = TimeSpan.FromSeconds(5);
                o.Storage.Spool.ReplayInterval = TimeSpan.FromSeconds(5); // the library's default, not the tests' 200 ms
                o.DefaultTenant = Tenant;
                o.Log.Directory = _folder.Path;
                o.Log.Ship.Interval = TimeSpan.FromSeconds(5);
            },
            shutdownTimeout: TimeSpan.FromSeconds(60));
        await host.StartAsync();
        var spoolDirectory = Path.GetFullPath(host.Options.Storage.Spool.Directory);

        var clock = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / Ticks));
        var due = 0;
        var recorded = 0;
        var accepted = 0;
        var spooledDuringOutage = 0;
        while (clock.Elapsed < Recording)
        {
            await tick.WaitForNextTickAsync();

            // Catch up on ticks a slow machine missed, so the rate is 300/s over the run, not per tick.
            var target = (int)Math.Min(PerSecond * Recording.TotalSeconds, clock.Elapsed.TotalSeconds * PerSecond);
            for (; due < target; due++, recorded++)
            {
                if (host.Recorder.Record(Trace(recorded)))
                {
                    accepted++;
                }
            }

            if (!proxy.Down && clock.Elapsed >= OutageStart && clock.Elapsed < OutageEnd)
            {
                proxy.Down = true;
            }
            else if (proxy.Down && clock.Elapsed >= OutageEnd)
            {
                spooledDuringOutage = Directory.GetFiles(spoolDirectory, "*.spool").Length;
                proxy.Down = false;
            }
        }

        Assert.False(proxy.Down);
        Assert.True(spooledDuringOutage > 0, "nothing was spooled during the outage: the test proves nothing about the stop");
        var spooledAtStop = Directory.GetFiles(spoolDirectory, "*.spool").Length;
        await host.StopAsync(); // at once: no flush, no waiting for the periodic replay

        var left = Directory.GetFiles(spoolDirectory, "*.spool").Length;
        Assert.True(left == 0, $"{left} payload(s) left in the spool ({spooledAtStop} when the stop began, {spooledDuringOutage} at the end of the outage)");
        Assert.False(Directory.Exists(Path.Combine(spoolDirectory, "corrupt")) && Directory.EnumerateFiles(Path.Combine(spoolDirectory, "corrupt")).Any());
        var logs = host.Logs.GetSnapshot();
        Assert.EndsWith($"0 payload(s) left in the spool at {spoolDirectory}.", Assert.Single(logs, r => r.Id.Id == 7).Message, StringComparison.Ordinal);

        // The independent check: accepted ids from the JSONL call lines, objects listed and read over plain HTTP.
        var lines = PreviewLogLine.ReadFolder(_folder.Path);
        Assert.Equal(accepted, lines.Count);
        Assert.Equal(accepted, lines.Select(l => (l.TraceId, l.SpanId)).Distinct().Count());
        Assert.True(accepted >= PerSecond * Recording.TotalSeconds * 0.99, $"only {accepted} of {recorded} traces accepted");
        Assert.All(lines, l => Assert.True(l.PayloadStored, $"{l.TraceId} has no payload_stored"));
        using var client = SigV4Client.For(s3);
        var keys = (await client.ListKeysAsync(bucket.Name, $"traces/{Tenant}/")).ToHashSet(StringComparer.Ordinal);
        var missing = lines.Where(l => !keys.Contains(l.PayloadKey)).Select(l => l.TraceId).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} accepted trace(s) have no object, e.g. {string.Join(", ", missing.Take(5))}");
        Assert.Equal(lines.Count, keys.Count);

        var mismatched = 0;
        await Parallel.ForEachAsync(lines, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (line, ct) =>
        {
            using var response = await client.GetAsync(bucket.Name, line.PayloadKey, ct);
            var ok = response.IsSuccessStatusCode
                && response.Content.Headers.ContentEncoding.SequenceEqual(["gzip"])
                && line.PayloadSha256 == Convert.ToHexStringLower(SHA256.HashData(Gzip.Decode(await response.Content.ReadAsByteArrayAsync(ct))));
            if (!ok)
            {
                Interlocked.Increment(ref mismatched);
            }
        });
        Assert.Equal(0, mismatched);

        // Every local line is in the shipped index exactly once: segments listed and read over plain HTTP, stored as
        // .jsonl.gz files (no Content-Encoding), each with its summary beside it.
        var localLines = Directory.GetFiles(_folder.Path, "*.jsonl")
            .SelectMany(f => File.ReadAllLines(f))
            .Where(l => l.Length > 0)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(accepted, localLines.Count);
        var segmentKeys = await client.ListKeysAsync(bucket.Name, $"traces/_index/tenant={Tenant}/");
        Assert.NotEmpty(segmentKeys);
        var shipped = new List<string>();
        foreach (var key in segmentKeys)
        {
            using var response = await client.GetAsync(bucket.Name, key, CancellationToken.None);
            Assert.True(response.IsSuccessStatusCode, $"{key}: {(int)response.StatusCode}");
            Assert.Empty(response.Content.Headers.ContentEncoding);
            var text = System.Text.Encoding.UTF8.GetString(Gzip.Decode(await response.Content.ReadAsByteArrayAsync()));
            shipped.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        shipped.Sort(StringComparer.Ordinal);
        Assert.True(localLines.SequenceEqual(shipped), $"{localLines.Count} local line(s), {shipped.Count} shipped in {segmentKeys.Count} segment(s); first difference at {localLines.Zip(shipped).TakeWhile(p => p.First == p.Second).Count()}");
        var summaryKeys = await client.ListKeysAsync(bucket.Name, $"traces/_index_ids/tenant={Tenant}/");
        Assert.Equal(segmentKeys.Count, summaryKeys.Count);
    }

    private static LlmTrace Trace(int i) => new()
    {
        Model = "gpt-4o-mini",
        FunctionName = "graceful_stop",
        SessionId = $"sess-{i % 100:D4}",
        Messages = [new LlmMessage("user", $"question {i}: " + new string('q', 200 + (i % 50)))],
        Response = $"answer {i}",
        LatencyMs = 100 + (i % 900),
    };
}
