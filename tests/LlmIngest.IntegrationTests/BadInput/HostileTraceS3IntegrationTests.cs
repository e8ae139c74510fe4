using CsCheck;
using LlmIngest.IntegrationTests.Support;

namespace LlmIngest.IntegrationTests.BadInput;

/// <summary>
/// The hostile-input property suite (<see cref="HostileTraces"/>) on the real S3 server: 4 generated batches of 250
/// traces, each batch through a fresh host writing to its own bucket. Smaller than the local run (10,000), which covers
/// the pipeline; this one covers conditional PUTs, metadata and the S3 key layout under hostile input.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class HostileTraceS3IntegrationTests(S3ServerFixture s3)
{
    private const int BatchSize = 250;
    private const int Batches = 4;

    [Fact]
    public async Task Record_1000GeneratedHostileTracesIntoS3_NothingLostOverwrittenLeakedOrUnsafe()
    {
        await HostileTraces.Batch(BatchSize).SampleAsync(
            RunBatchAsync,
            iter: Batches,
            threads: 1,
            print: HostileTraces.Describe);
    }

    private async Task RunBatchAsync(HostileTraces.HostileCase[] cases)
    {
        using var folder = new TempFolder();
        await using var bucket = await s3.CreateBucketAsync("hostile");
        await using var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, bucket.Name);
            o.Storage.Spool.Directory = folder.Combine("spool");
            o.Log.Directory = folder.Combine("logs");
            o.Queue.Capacity = cases.Length + 16;
            o.Redaction.PseudonymKey = HostileTraces.PseudonymKey;
        });
        await host.StartAsync();
        var recorded = HostileTraces.RecordAll(host.Recorder, cases);

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(3));
        await HostileTraces.VerifyAsync(host, recorded, folder.Combine("logs"), folder.Path);
        await host.StopAsync();
    }
}
