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
    private const string Key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    [Fact]
    public async Task Record_10000GeneratedHostileTraces_NothingLostOverwrittenLeakedOrUnsafe()
    {
        await HostileTraces.Batch(BatchSize).SampleAsync(
            RunBatchAsync,
            iter: Batches,
            threads: 1,
            print: cases => $"{cases.Length} cases: " + string.Join(", ", cases.Take(40).Select(c => $"({c.Family},{c.Variant},{c.Salt})")));
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
            o.Redaction.PseudonymKey = Key;
        });
        await host.StartAsync();
        var recorded = new List<(HostileTraces.HostileCase, LlmTrace, bool)>(cases.Length);
        foreach (var c in cases)
        {
            var trace = HostileTraces.Build(c);
            recorded.Add((c, trace, host.Recorder.Record(trace)));
        }

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await host.StopAsync();
        await HostileTraces.VerifyAsync(host, recorded, folder.Combine("logs"), folder.Path);
    }
}
