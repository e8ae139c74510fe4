using System.Diagnostics;
using System.Globalization;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.Queue;
using Xunit.Abstractions;

namespace LlmIngest.IntegrationTests.Faults;

/// <summary>
/// 8 producer threads as fast as the pipeline takes them (wait mode: each waits for room, up to its timeout) against the
/// real radosgw, then a graceful stop: exact reconciliation, bounded memory. 10 s by default; set
/// <c>LLMINGEST_LOAD_SECONDS=60</c> for the soak.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class LoadIntegrationTests(S3ServerFixture s3, ITestOutputHelper output) : IDisposable
{
    public const string DurationVariable = "LLMINGEST_LOAD_SECONDS";
    private const int Producers = 8;
    private const int QueueCapacity = 2_000; // small, so the graceful stop drains well within the shutdown timeout
    private const long MemoryCeilingBytes = 400L * 1024 * 1024;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Load_8ProducersAtTheHighestSustainableRateThenAGracefulStop_ReconcileExactly_AndMemoryStaysBounded()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable(DurationVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 10;
        await using var bucket = await s3.CreateBucketAsync("load");
        await using var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, bucket.Name);
            o.Log.Directory = _folder.Combine("logs");
            o.Queue.Capacity = QueueCapacity;
            o.Queue.FullMode = QueueFullMode.Wait;
            o.Queue.FullWaitTimeout = TimeSpan.FromSeconds(1);
            o.Storage.MaxConcurrency = 16;
        });
        await host.StartAsync();

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0, peakDepth = 0;
        using var run = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var sampler = Task.Run(async () =>
        {
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            while (await tick.WaitForNextTickAsync(CancellationToken.None) && !run.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                peakDepth = Math.Max(peakDepth, host.Metric("llmingest.queue.depth"));
            }
        });
        var clock = Stopwatch.StartNew();
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var n = 0;
            while (!run.IsCancellationRequested)
            {
                // Never throws, never blocks the caller for longer than FullWaitTimeout.
                await host.Recorder.RecordAsync(S3FaultIntegrationTests.Trace((p * 10_000_000) + n++));
            }
        })).ToArray();
        await Task.WhenAll(producers);
        var recordingTime = clock.Elapsed;
        await sampler;
        await host.StopAsync(); // graceful: drains what is queued within the shutdown timeout
        var drainTime = clock.Elapsed - recordingTime;

        var figures = await Reconciliation.AssertExactAsync(host, bucket, [_folder.Combine("logs")]);
        var rate = figures.Accepted / recordingTime.TotalSeconds;
        var sustained = figures.Accepted / (recordingTime + drainTime).TotalSeconds;
        output.WriteLine(
            $"load {seconds} s, {Producers} producers: {figures}; {rate:0} accepted/s while recording, {sustained:0}/s end to end (drained in {drainTime.TotalSeconds:0.0} s); "
            + $"peak queue {peakDepth}/{QueueCapacity}, managed heap {baseline / 1048576} MB at start, peak {peak / 1048576} MB");
        Assert.Equal(figures.Accepted, figures.InBucket);
        Assert.Equal(0, figures.InSpool);
        Assert.True(figures.Accepted >= 1_000, $"the pipeline sustained a useful rate: {figures.Accepted} in {seconds} s");
        Assert.InRange(peakDepth, 0, QueueCapacity);
        Assert.True(peak < MemoryCeilingBytes, $"managed heap peaked at {peak / 1048576} MB");
    }
}
