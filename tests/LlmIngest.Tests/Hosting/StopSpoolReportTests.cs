using LlmIngest.Storage;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Tests.Hosting;

/// <summary>
/// What a graceful stop does with the outage spool and what it reports: replay passes until the spool is empty, the
/// shutdown token fires or three passes make no progress; the stop message counts what is left and names the folder.
/// </summary>
public sealed class StopSpoolReportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Stop_ReplaysUntilTheSpoolIsEmpty_AndReportsNothingLeft()
    {
        var replayer = new ScriptedSpoolReplayer(spooled: 25, perPass: 10);

        var logs = await RunAndStopAsync(replayer);

        Assert.Equal(3, replayer.Passes);
        Assert.Contains(logs, r => r.Id.Id == 230 && r.Message.Contains("stopping with 25 payload(s) in the spool at /var/spool/llmtrace-test", StringComparison.Ordinal));
        Assert.Contains(logs, r => r.Id.Id == 231 && r.Message.Contains("25 payload(s) uploaded in 3 pass(es), 0 left in /var/spool/llmtrace-test (spool empty)", StringComparison.Ordinal));
        var stopped = Assert.Single(logs, r => r.Id.Id == 7);
        Assert.EndsWith("0 failed; 0 payload(s) left in the spool at /var/spool/llmtrace-test.", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_WhenThreePassesInARowMakeNoProgress_GivesUp_AndReportsWhatIsLeft()
    {
        var replayer = new ScriptedSpoolReplayer(spooled: 7, perPass: 0);

        var logs = await RunAndStopAsync(replayer);

        Assert.Equal(3, replayer.Passes);
        Assert.Contains(logs, r => r.Id.Id == 231 && r.Message.Contains("0 payload(s) uploaded in 3 pass(es), 7 left in /var/spool/llmtrace-test (no progress in 3 passes)", StringComparison.Ordinal));
        var stopped = Assert.Single(logs, r => r.Id.Id == 7);
        Assert.EndsWith("7 payload(s) left in the spool at /var/spool/llmtrace-test.", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_WhenTheShutdownTimeoutRunsOutDuringTheReplay_StopsAndReportsWhatIsLeft()
    {
        var replayer = new ScriptedSpoolReplayer(spooled: 12, perPass: 5, hangUntilCancelled: true);

        var logs = await RunAndStopAsync(replayer, TimeSpan.FromMilliseconds(300));

        Assert.Equal(1, replayer.Passes);
        Assert.Contains(logs, r => r.Id.Id == 231 && r.Message.Contains("12 left in /var/spool/llmtrace-test (shutdown timeout)", StringComparison.Ordinal));
        var stopped = Assert.Single(logs, r => r.Id.Id == 7);
        Assert.EndsWith("12 payload(s) left in the spool at /var/spool/llmtrace-test.", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_WithAnEmptySpool_RunsNoPassAndLogsNoReplay()
    {
        var replayer = new ScriptedSpoolReplayer(spooled: 0, perPass: 0);

        var logs = await RunAndStopAsync(replayer);

        Assert.Equal(0, replayer.Passes);
        Assert.DoesNotContain(logs, r => r.Id.Id is 230 or 231 or 232);
        Assert.EndsWith("0 payload(s) left in the spool at /var/spool/llmtrace-test.", Assert.Single(logs, r => r.Id.Id == 7).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_WithTheLocalStore_SaysThereIsNoSpool()
    {
        await using var host = IngestTestHost.Create(Configure);
        await host.StartAsync();
        await host.StopAsync();

        var stopped = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 7);
        Assert.Contains("0 payload(s) left in the spool at (none: ", stopped.Message, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<Microsoft.Extensions.Logging.Testing.FakeLogRecord>> RunAndStopAsync(ScriptedSpoolReplayer replayer, TimeSpan? shutdownTimeout = null)
    {
        await using var host = IngestTestHost.Create(Configure, s => s.AddSingleton<ISpoolReplayer>(replayer), shutdownTimeout);
        await host.StartAsync();
        host.Recorder.Record(SampleTraces.Chat());
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();
        return host.Logs.GetSnapshot();
    }

    private void Configure(LlmTraceIngestOptions o)
    {
        o.Storage.Kind = PayloadStoreKind.Local;
        o.Storage.Local.Directory = _folder.Combine("payloads");
        o.Log.Directory = _folder.Combine("logs");
    }
}
