using LlmIngest.Capture;
using LlmIngest.Hosting;
using LlmIngest.Queue;
using LlmIngest.Sinks;
using LlmIngest.Storage;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Tests.Queue;

public sealed class TraceQueueTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Record_WithCapacity16AndAStalledStore_10000ConcurrentCallsReturnAndAreCountedExactlyOnTheMeter()
    {
        var store = new GatedPayloadStore();
        await using var host = IngestTestHost.Create(
            o => Configure(o, capacity: 16),
            s => s.AddSingleton<IPayloadStore>(store));
        await host.StartAsync();
        var recorder = host.Recorder;

        // Wait until the worker is stuck in the store, so nothing drains while we record.
        recorder.Record(SampleTraces.Chat());
        await store.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(30));

        var results = new bool[10_000];
        var producers = Enumerable.Range(0, 8).Select(p => Task.Run(() =>
        {
            for (var i = p; i < results.Length; i += 8)
            {
                results[i] = recorder.Record(SampleTraces.Chat());
            }
        }));

        // Every call returns while the store is still stalled: none of them waited for it.
        await Task.WhenAll(producers).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, store.Writes);

        var acceptedByCalls = results.Count(r => r);
        var recorded = host.Metric("llmingest.traces.recorded");
        var accepted = host.Metric("llmingest.traces.accepted");
        var dropped = host.Metric("llmingest.traces.dropped");
        Assert.Equal(10_001, recorded);
        Assert.Equal(recorded, accepted + dropped);
        Assert.Equal(acceptedByCalls + 1, accepted);
        Assert.Equal(dropped, host.Metric("llmingest.traces.dropped", "queue_full"));
        Assert.InRange(accepted, 2, 16 + 1);
        Assert.Equal(16, host.Metric("llmingest.queue.depth"));

        store.Release();
        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(accepted, store.Writes);
        Assert.Equal(accepted, host.Metric("llmingest.traces.processed", "ok"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Record_WhenTheQueueIsFull_LogsOneSummaryPerIntervalNotOnePerDrop()
    {
        var store = new GatedPayloadStore();
        await using var host = IngestTestHost.Create(
            o =>
            {
                Configure(o, capacity: 4);
                o.Queue.DropReportInterval = TimeSpan.FromHours(1);
            },
            s => s.AddSingleton<IPayloadStore>(store));
        await host.StartAsync();
        host.Recorder.Record(SampleTraces.Chat());
        await store.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(30));

        for (var i = 0; i < 1_000; i++)
        {
            host.Recorder.Record(SampleTraces.Chat());
        }

        var dropLogs = host.Logs.GetSnapshot().Where(r => r.Message.Contains("dropped", StringComparison.Ordinal)).ToList();
        Assert.Single(dropLogs);
        Assert.Equal(LogLevel.Warning, dropLogs[0].Level);
        store.Release();
        await host.StopAsync();

        // The stop reports every drop not reported yet, with its count.
        var total = host.Metric("llmingest.traces.dropped", "queue_full");
        var reported = host.Logs.GetSnapshot()
            .Where(r => r.Message.Contains("dropped", StringComparison.Ordinal) && r.Message.Contains("queue_full", StringComparison.Ordinal))
            .Sum(CountOf);
        Assert.Equal(total, reported);
    }

    [Fact]
    public async Task Record_WhenFullInDropOldestMode_AcceptsTheNewTraceAndCountsTheEvictedOne()
    {
        var store = new GatedPayloadStore();
        await using var host = IngestTestHost.Create(
            o =>
            {
                Configure(o, capacity: 8);
                o.Queue.FullMode = QueueFullMode.DropOldest;
            },
            s => s.AddSingleton<IPayloadStore>(store));
        await host.StartAsync();
        host.Recorder.Record(SampleTraces.Chat());
        await store.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(30));

        var outcomes = Enumerable.Range(0, 100).Select(_ => host.Recorder.Record(SampleTraces.Chat())).ToList();

        Assert.All(outcomes, Assert.True);
        Assert.Equal(101, host.Metric("llmingest.traces.accepted"));
        Assert.Equal(100 - 8, host.Metric("llmingest.traces.dropped", "evicted"));
        store.Release();
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(101 - 92, store.Writes);
        await host.StopAsync();
    }

    [Fact]
    public async Task RecordAsync_InWaitMode_WaitsForRoomAndDropsWithTimeoutWhenNoneComes()
    {
        var store = new GatedPayloadStore();
        await using var host = IngestTestHost.Create(
            o =>
            {
                Configure(o, capacity: 2);
                o.Queue.FullMode = QueueFullMode.Wait;
                o.Queue.FullWaitTimeout = TimeSpan.FromMilliseconds(50);
            },
            s => s.AddSingleton<IPayloadStore>(store));
        await host.StartAsync();
        host.Recorder.Record(SampleTraces.Chat());
        await store.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await host.Recorder.RecordAsync(SampleTraces.Chat()));
        Assert.True(await host.Recorder.RecordAsync(SampleTraces.Chat()));

        // Full: the synchronous call never blocks, the asynchronous one gives up after the timeout.
        Assert.False(host.Recorder.Record(SampleTraces.Chat()));
        Assert.False(await host.Recorder.RecordAsync(SampleTraces.Chat()));
        Assert.Equal(1, host.Metric("llmingest.traces.dropped", "queue_full"));
        Assert.Equal(1, host.Metric("llmingest.traces.dropped", "timeout"));

        // Room appears while a call waits: it is accepted.
        var waiting = host.Services.GetRequiredService<TraceQueue>().RecordAsync(SampleTraces.Chat(), CancellationToken.None);
        store.Release();
        Assert.True(await waiting);
        await host.StopAsync();
    }

    [Fact]
    public async Task Record_WithoutIds_StampsATimeOrderedTraceIdASpanIdTheDefaultTenantAndTheTimestamp()
    {
        await using var host = IngestTestHost.Create(o => Configure(o, capacity: 100));
        var trace = SampleTraces.Chat();

        Assert.True(host.Recorder.Record(trace));

        Assert.True(Guid.TryParseExact(trace.TraceId, "N", out var traceGuid));
        Assert.Equal(7, traceGuid.Version);
        Assert.Matches("^[0-9a-f]{16}$", trace.SpanId);
        Assert.Equal("acme", trace.TenantId);
        Assert.InRange(trace.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        // One clock read stamps both: the UUIDv7's 48-bit time is the trace's timestamp in Unix milliseconds.
        Assert.Equal(trace.Timestamp.ToUnixTimeMilliseconds(), Convert.ToInt64(trace.TraceId![..12], 16));
    }

    [Fact]
    public async Task Record_WithATimestampButNoTraceId_GeneratesAUuidV7OfThatTimestamp()
    {
        await using var host = IngestTestHost.Create(o => Configure(o, capacity: 100));
        var trace = SampleTraces.Chat();
        trace.Timestamp = new DateTimeOffset(2026, 11, 20, 9, 30, 15, 123, TimeSpan.Zero);

        Assert.True(host.Recorder.Record(trace));

        Assert.Equal(trace.Timestamp.ToUnixTimeMilliseconds(), Convert.ToInt64(trace.TraceId![..12], 16));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 30, 15, 123, TimeSpan.Zero), trace.Timestamp);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("a%2F..%2Fb")]
    [InlineData("trace\\x")]
    [InlineData("naïve")]
    [InlineData("")]
    [InlineData(" space")]
    public async Task Record_WhenTheTraceIdCouldEscapeItsKeyPrefix_RejectsItAndCountsTheReason(string traceId)
    {
        await using var host = IngestTestHost.Create(o => Configure(o, capacity: 100));
        await host.StartAsync();

        Assert.False(host.Recorder.Record(SampleTraces.Chat(traceId)));
        Assert.False(host.Recorder.Record(new LlmTrace { SpanId = traceId.Length == 0 ? "x/y" : traceId }));
        Assert.False(host.Recorder.Record(new LlmTrace { TenantId = traceId.Length == 0 ? "/" : traceId }));
        Assert.False(host.Recorder.Record(null!));

        Assert.Equal(4, host.Metric("llmingest.traces.dropped", "invalid"));
        Assert.Equal(0, host.Metric("llmingest.traces.accepted"));
        await host.StopAsync();
        var rejections = host.Logs.GetSnapshot().Where(r => r.Message.Contains("invalid trace(s)", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rejections.Sum(r => CountOf(r)));
        Assert.Contains(rejections, r => r.Message.Contains("the trace was null", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_WithAnIdOfMoreThan128Characters_RejectsIt()
    {
        await using var host = IngestTestHost.Create(o => Configure(o, capacity: 100));

        Assert.False(host.Recorder.Record(SampleTraces.Chat(new string('a', TraceIdentifiers.MaxLength + 1))));
        Assert.True(host.Recorder.Record(SampleTraces.Chat(new string('a', TraceIdentifiers.MaxLength))));
    }

    [Fact]
    public async Task Record_AfterTheHostStopped_ReturnsFalseAndCountsItAsStopped()
    {
        await using var host = IngestTestHost.Create(o => Configure(o, capacity: 100));
        await host.StartAsync();
        await host.StopAsync();

        Assert.False(host.Recorder.Record(SampleTraces.Chat()));
        Assert.Equal(1, host.Metric("llmingest.traces.dropped", "stopped"));
    }

    private static long CountOf(Microsoft.Extensions.Logging.Testing.FakeLogRecord record) =>
        long.Parse(record.StructuredState!.Single(kv => kv.Key == "Count").Value!, System.Globalization.CultureInfo.InvariantCulture);

    private void Configure(LlmTraceIngestOptions options, int capacity)
    {
        options.DefaultTenant = "acme";
        options.Queue.Capacity = capacity;
        options.Log.Directory = _folder.Combine("logs");
        options.Log.Target = PreviewLogTarget.File;
        options.Storage.Local.Directory = _folder.Combine("payloads");
    }
}
