using Amazon.S3;
using LlmIngest.IntegrationTests.Support;
using Microsoft.Extensions.Logging;

namespace LlmIngest.IntegrationTests.Hosting;

/// <summary>The whole pipeline against a real S3 server whose bucket does not exist (yet).</summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class MissingBucketIntegrationTests(S3ServerFixture s3) : IDisposable
{
    private const int PayloadWriteFailedEventId = 4;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WholeHost_WhenTheBucketDoesNotExist_KeepsRunningCountsPayloadFailuresAndStillWritesEveryJsonlLine()
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
        Assert.Equal(20, host.Metric("llmingest.payloads.failed"));
        Assert.Equal(0, host.Metric("llmingest.payloads.stored"));
        Assert.Equal(20, host.Metric("llmingest.log.lines"));
        Assert.Equal(20, host.Metric("llmingest.traces.processed", "failed"));

        // Each failure is logged once, with the server's reason.
        var failures = host.Logs.GetSnapshot().Where(r => r.Id.Id == PayloadWriteFailedEventId).ToList();
        Assert.Equal(20, failures.Count);
        Assert.All(failures, r =>
        {
            Assert.Equal(LogLevel.Error, r.Level);
            Assert.Equal("NoSuchBucket", Assert.IsType<AmazonS3Exception>(r.Exception, exactMatch: false).ErrorCode);
        });

        await host.StopAsync();
        var lines = PreviewLogLine.ReadFolder(_folder.Path);
        Assert.Equal(20, lines.Count);
        Assert.All(lines, line => Assert.False(line.PayloadStored));
        Assert.Equal(traceIds, lines.Select(line => line.TraceId).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WholeHost_OnceTheMissingBucketIsCreated_StoresTheNextTracesWithoutARestart()
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
        Assert.Equal(5, host.Metric("llmingest.payloads.failed"));

        await using var bucket = await TestBucket.CreateAsync(s3.Client, name);
        foreach (var call in calls.Skip(5))
        {
            Assert.True(host.Recorder.Record(call.Trace));
        }

        await host.Recorder.FlushAsync().WaitAsync(Budget);
        await host.StopAsync();
        Assert.Equal(5, host.Metric("llmingest.payloads.failed"));
        Assert.Equal(5, host.Metric("llmingest.payloads.stored"));

        var lines = PreviewLogLine.ReadFolder(_folder.Path).ToDictionary(line => line.TraceId, StringComparer.Ordinal);
        Assert.Equal(10, lines.Count);
        Assert.All(calls.Take(5), call => Assert.False(lines[call.Trace.TraceId!].PayloadStored));
        Assert.All(calls.Skip(5), call => Assert.True(lines[call.Trace.TraceId!].PayloadStored));
        var stored = calls.Skip(5).Select(call => lines[call.Trace.TraceId!].PayloadKey).Order(StringComparer.Ordinal);
        Assert.Equal(stored, (await bucket.ListKeysAsync()).Order(StringComparer.Ordinal));
    }
}
