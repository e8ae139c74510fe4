using CsCheck;
using LlmIngest.Storage;

namespace LlmIngest.Tests.BadInput;

/// <summary>
/// The hostile-input property suite on the local store: 20 generated batches of 500 traces (10,000 per run) from every
/// family of <see cref="HostileTraces"/>, each batch through a fresh host. On failure CsCheck shrinks the batch and prints
/// the seed (rerun with <c>CsCheck_Seed=…</c>).
/// </summary>
public sealed class HostileTracePropertyTests
{
    private const int BatchSize = 500;
    private const int Batches = 20;

    [Fact]
    public async Task Record_10000GeneratedHostileTraces_NothingLostOverwrittenLeakedOrUnsafe()
    {
        await HostileTraces.Batch(BatchSize).SampleAsync(
            RunBatchAsync,
            iter: Batches,
            threads: 1,
            print: HostileTraces.Describe);
    }

    private static async Task RunBatchAsync(HostileTraces.HostileCase[] cases)
    {
        using var folder = new TempFolder();
        await using var host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = folder.Combine("logs");
            o.Storage.Kind = PayloadStoreKind.Local;
            o.Storage.Local.Directory = folder.Combine("payloads");
            o.Queue.Capacity = cases.Length + 16;
            o.Redaction.PseudonymKey = HostileTraces.PseudonymKey;
        });
        await host.StartAsync();
        var recorded = HostileTraces.RecordAll(host.Recorder, cases);

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await host.StopAsync();
        await HostileTraces.VerifyAsync(host, recorded, folder.Combine("logs"), folder.Path);
    }
}
