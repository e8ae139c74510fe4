using System.Diagnostics;
using LlmIngest.IntegrationTests.Support;
using Xunit.Abstractions;

namespace LlmIngest.IntegrationTests.Hosting;

/// <summary>Stopping the host right after a burst drains the queue into the real S3 server.</summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class GracefulShutdownIntegrationTests(S3ServerFixture s3, ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const int ShutdownIncompleteEventId = 8;
    private const string Tenant = "shutdown";

    private readonly TempFolder _folder = new();
    private TestBucket? _bucket;

    private TestBucket Bucket => _bucket!;

    public async Task InitializeAsync() => _bucket = await s3.CreateBucketAsync("shutdown");

    public async Task DisposeAsync()
    {
        if (_bucket is not null)
        {
            await _bucket.DisposeAsync();
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task GracefulShutdown_With5000TracesQueued_LosesNoneOfThem_AgainstS3()
    {
        const int count = 5_000;
        var traces = TrafficMix.Create(count, multiStepOperations: 1_000, seed: 5_000).SelectMany(operation => operation).Select(call => call.Trace).ToList();
        foreach (var trace in traces)
        {
            trace.TenantId = null; // all under the default tenant, so one prefix lists them all
        }

        await using var host = IngestTestHost.Create(
            o =>
            {
                s3.ConfigureS3Storage(o.Storage, Bucket.Name);
                o.Log.Directory = _folder.Path;
                o.DefaultTenant = Tenant;
                o.Queue.Capacity = count;
            },
            shutdownTimeout: TimeSpan.FromSeconds(60));
        await host.StartAsync();

        var clock = Stopwatch.StartNew();
        var accepted = 0;
        foreach (var trace in traces)
        {
            accepted += host.Recorder.Record(trace) ? 1 : 0;
        }

        var recordTime = clock.Elapsed;
        var queuedAtStop = host.Metric("llmingest.queue.depth");
        clock.Restart();
        await host.StopAsync();
        output.WriteLine($"recorded {count} in {recordTime.TotalMilliseconds:0} ms; {queuedAtStop} still queued when StopAsync began; it returned after {clock.Elapsed.TotalSeconds:0.00} s");

        Assert.Equal(count, accepted);
        Assert.True(queuedAtStop > 0, "the queue was already empty when the host stopped: the test proves nothing about draining");
        Assert.Equal(0, host.Metric("llmingest.traces.dropped"));
        Assert.Equal(count, host.Metric("llmingest.traces.processed", "ok"));
        Assert.Equal(count, host.Metric("llmingest.payloads.stored"));
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Id.Id == ShutdownIncompleteEventId);

        var lines = PreviewLogLine.ReadFolder(_folder.Path);
        Assert.Equal(count, lines.Count);
        Assert.All(lines, line => Assert.True(line.PayloadStored));
        var loggedKeys = lines.Select(line => line.PayloadKey).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(count, loggedKeys.Count);

        var listed = await Bucket.ListPayloadKeysAsync($"traces/{Tenant}/", pageSize: 1_000);
        Assert.Equal(count, listed.Count);
        Assert.True(loggedKeys.SetEquals(listed), "the keys in the bucket differ from the payload_key values in the log");
    }
}
