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
    private const string Key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    [Fact]
    public async Task Record_1000GeneratedHostileTracesIntoS3_NothingLostOverwrittenLeakedOrUnsafe()
    {
        await HostileTraces.Batch(BatchSize).SampleAsync(
            RunBatchAsync,
            iter: Batches,
            threads: 1,
            print: cases => $"{cases.Length} cases: " + string.Join(", ", cases.Take(40).Select(c => $"({c.Family},{c.Variant},{c.Salt})")));
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
            o.Redaction.PseudonymKey = Key;
        });
        await host.StartAsync();
        var recorded = new List<(HostileTraces.HostileCase, LlmTrace, bool)>(cases.Length);
        foreach (var c in cases)
        {
            var trace = HostileTraces.Build(c);
            recorded.Add((c, trace, host.Recorder.Record(trace)));
        }

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(3));
        await HostileTraces.VerifyAsync(host, recorded, folder.Combine("logs"), folder.Path);
        await host.StopAsync();
    }
}
