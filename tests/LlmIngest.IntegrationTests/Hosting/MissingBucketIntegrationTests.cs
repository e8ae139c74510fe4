using LlmIngest.IntegrationTests.Support;
using Microsoft.Extensions.Logging;

namespace LlmIngest.IntegrationTests.Hosting;

/// <summary>The whole pipeline against a real S3 server whose bucket does not exist (yet): a permanent error.</summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class MissingBucketIntegrationTests(S3ServerFixture s3) : IDisposable
{
    private const int StorePermanentFailureEventId = 10;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WholeHost_WhenTheBucketDoesNotExist_SpoolsEveryPayloadReportsItOnceAndStillWritesEveryJsonlLine()
    {
        var missing = TestBucket.UniqueName("missing");
        await using var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, missing);
            o.Log.Directory = _folder.Path;
        });
        await host.StartAsync();

        var traceIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var call in TrafficMix.Create(calls: 20, multiStepOperations: 0, seed: 20).SelectMany(operation => operation))
        {
            Assert.True(host.Recorder.Record(call.Trace));
            traceIds.Add(call.Trace.TraceId!);
        }

        await host.Recorder.FlushAsync().WaitAsync(Budget);
        Assert.Equal(20, host.Metric("llmingest.spool.writes"));
        Assert.Equal(20, host.Metric("llmingest.spool.depth"));
        Assert.Equal(0, host.Metric("llmingest.storage.uploads"));
        Assert.Equal(0, host.Metric("llmingest.payloads.failed"));
        Assert.True(host.Metric("llmingest.storage.failures", "no_such_bucket") >= 1);

        // Reported loudly once, not once per payload, and never retried (a missing bucket does not come back by waiting).
        var report = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == StorePermanentFailureEventId);
        Assert.Equal(LogLevel.Error, report.Level);
        Assert.Contains("no_such_bucket", report.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Metric("llmingest.storage.retries"));

        await host.StopAsync();
        var lines = PreviewLogLine.ReadFolder(_folder.Path);
        Assert.Equal(20, lines.Count);
        Assert.All(lines, line => Assert.True(line.PayloadStored, "spooled counts as durably accepted"));
        Assert.Equal(traceIds, lines.Select(line => line.TraceId).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WholeHost_OnceTheMissingBucketIsCreated_ReplaysTheSpoolAndStoresNewTracesWithoutARestart()
    {
        var name = TestBucket.UniqueName("late");
        await using var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, name);
            o.Log.Directory = _folder.Path;
        });
        await host.StartAsync();
        var calls = TrafficMix.Create(calls: 10, multiStepOperations: 0, seed: 10).SelectMany(operation => operation).ToList();

        foreach (var call in calls.Take(5))
        {
            Assert.True(host.Recorder.Record(call.Trace));
        }

        await host.Recorder.FlushAsync().WaitAsync(Budget);
        Assert.Equal(5, host.Metric("llmingest.spool.depth"));

        await using var bucket = await TestBucket.CreateAsync(s3.Client, name);
        foreach (var call in calls.Skip(5))
        {
            Assert.True(host.Recorder.Record(call.Trace));
        }

        await host.Recorder.FlushAsync().WaitAsync(Budget);
        await Poll.UntilAsync(() => host.Metric("llmingest.spool.depth") <= 0, Budget);

        await host.StopAsync();
        Assert.Equal(0, host.Metric("llmingest.spool.depth"));
        // The index segments shipped at stop too, each with its summary beside it.
        Assert.Equal(10 + (2 * host.Metric("llmingest.index.segments_shipped")), host.Metric("llmingest.storage.uploads"));
        var lines = PreviewLogLine.ReadFolder(_folder.Path);
        Assert.Equal(10, lines.Count);
        Assert.Equal(lines.Select(l => l.PayloadKey).Order(StringComparer.Ordinal), (await bucket.ListPayloadKeysAsync()).Order(StringComparer.Ordinal));
    }
}
