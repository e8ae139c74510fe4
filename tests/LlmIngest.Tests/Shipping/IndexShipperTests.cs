using System.Diagnostics.Metrics;
using System.Text;
using LlmIngest.Diagnostics;
using LlmIngest.Shipping;
using LlmIngest.Sinks;
using LlmIngest.Storage;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LlmIngest.Tests.Shipping;

public sealed class IndexShipperTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 30, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeLogger<IndexShipper> _logger = new();

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Ship_GroupsLinesByTenantAndUtcHour_OneSegmentEach_WithTheLinesByteForByte()
    {
        await using var sink = Sink();
        await sink.WriteBatchAsync(
            [Line("t1", "acme", 10, 5), Line("t2", "globex", 10, 6), Line("t3", "acme", 11, 1), Line("t4", "acme", 10, 59), Line("t5", null, 10, 7)],
            CancellationToken.None);
        var store = new MemorySegmentStore();
        await using var shipper = Shipper(sink, store);

        Assert.True(await shipper.ShipAsync(CancellationToken.None));

        var keys = store.Objects.Keys.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [
                "traces/_index/tenant=acme/dt=2026-12-07/hour=10/inst-a-0000000000.jsonl.gz",
                "traces/_index/tenant=acme/dt=2026-12-07/hour=11/inst-a-0000000002.jsonl.gz",
                "traces/_index/tenant=default/dt=2026-12-07/hour=10/inst-a-0000000003.jsonl.gz",
                "traces/_index/tenant=globex/dt=2026-12-07/hour=10/inst-a-0000000001.jsonl.gz",
            ],
            keys);
        var acme10 = store.Objects[keys[0]];
        Assert.Equal(["t1", "t4"], MemorySegmentStore.Lines(acme10).Select(TraceId));
        Assert.Equal(2, acme10.LineCount);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 5, 0, TimeSpan.Zero), acme10.FirstTimestamp);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 59, 0, TimeSpan.Zero), acme10.LastTimestamp);
        Assert.Equal("index", acme10.RetentionClass);

        // Every line of the local file is in exactly one segment, unchanged.
        var local = File.ReadAllLines(sink.CurrentPath!);
        Assert.Equal(local.Order(StringComparer.Ordinal), store.Objects.Values.SelectMany(MemorySegmentStore.Lines).Order(StringComparer.Ordinal));
        Assert.Equal(new IndexBacklog(0, 0), shipper.GetBacklog());
    }

    [Fact]
    public async Task Ship_ShipsOnlyWholeLines_ATornLastLineWaitsUntilItIsComplete()
    {
        await using var sink = Sink();
        var path = sink.Names.PathFor(new DateOnly(2026, 12, 7), 0);
        var whole = Encoding.UTF8.GetString(Json(Line("t1", "acme", 10, 1))) + "\n";
        await File.WriteAllTextAsync(path, whole + "{\"trace_id\":\"t2\",\"tenant_id\":\"ac");
        var store = new MemorySegmentStore();
        await using var shipper = Shipper(sink, store);

        await shipper.ShipAsync(CancellationToken.None);

        Assert.Equal(["t1"], store.Objects.Values.SelectMany(MemorySegmentStore.Lines).Select(TraceId));
        Assert.Equal(0, shipper.GetBacklog().Lines);

        await File.AppendAllTextAsync(path, "me\",\"timestamp\":\"2026-12-07T10:02:00.000Z\"}\n");
        await shipper.ShipAsync(CancellationToken.None);

        Assert.Equal(["t1", "t2"], store.Objects.Values.SelectMany(MemorySegmentStore.Lines).Select(TraceId).Order(StringComparer.Ordinal));
        Assert.Equal(2, store.Objects.Count); // the second cut is a segment of its own, never a rewrite of the first
    }

    [Fact]
    public async Task Ship_AfterACrashBetweenUploads_ResumesTheRecordedCut_SameKeysAndBytes_NoGapNoDuplicate()
    {
        var lines = new[] { Line("t1", "acme", 10, 1), Line("t2", "globex", 10, 2), Line("t3", "initech", 10, 3) };

        // The reference: a run that never failed, in a folder of its own.
        using var cleanFolder = new TempFolder();
        var clean = new MemorySegmentStore();
        await using (var cleanSink = Sink(cleanFolder.Path))
        {
            await cleanSink.WriteBatchAsync(lines, CancellationToken.None);
            await using var cleanShipper = Shipper(cleanSink, clean);
            Assert.True(await cleanShipper.ShipAsync(CancellationToken.None));
        }

        // The crash: the second upload fails and the process is gone before the cut completes.
        var store = new MemorySegmentStore { FailFrom = 2 };
        await using (var sink = Sink())
        {
            await sink.WriteBatchAsync(lines, CancellationToken.None);
            await using var crashed = Shipper(sink, store);
            Assert.False(await crashed.ShipAsync(CancellationToken.None));
            Assert.Single(store.Objects);
            Assert.Equal(3, crashed.GetBacklog().Lines); // the pending cut is not shipped until all of it is
        }

        // A new process under another instance name: the recorded cut goes to the keys recorded then.
        store.FailFrom = null;
        await using (var sink = Sink(instance: "inst-b"))
        {
            await sink.WriteBatchAsync([Line("t4", "acme", 10, 9)], CancellationToken.None);
            await using var resumed = Shipper(sink, store, instance: "inst-b");
            Assert.True(await resumed.ShipAsync(CancellationToken.None));
        }

        foreach (var (key, segment) in clean.Objects)
        {
            Assert.True(store.Objects.TryGetValue(key, out var shipped), key);
            Assert.Equal(segment.Sha256, shipped.Sha256);
            Assert.Equal(MemorySegmentStore.Lines(segment), MemorySegmentStore.Lines(shipped));
        }

        var rest = store.Objects.Keys.Except(clean.Objects.Keys).ToList();
        Assert.Equal(["traces/_index/tenant=acme/dt=2026-12-07/hour=10/inst-b-0000000003.jsonl.gz"], rest);
        Assert.Equal(["t1", "t2", "t3", "t4"], store.Objects.Values.SelectMany(MemorySegmentStore.Lines).Select(TraceId).Order(StringComparer.Ordinal));
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Id.Id == 203);
    }

    [Fact]
    public async Task Ship_ASecondRunOnTheSameDirectory_ShipsNothingNew()
    {
        var store = new MemorySegmentStore();
        await using (var sink = Sink())
        {
            await sink.WriteBatchAsync([Line("t1", "acme", 10, 1)], CancellationToken.None);
            await using var first = Shipper(sink, store);
            await first.StopAsync(CancellationToken.None);
        }

        var writes = store.Writes;
        await using (var sink = Sink())
        {
            await using var second = Shipper(sink, store);
            await second.StopAsync(CancellationToken.None);
            Assert.Equal(0, second.GetBacklog().Lines);
        }

        Assert.Single(store.Objects);
        Assert.Equal(writes, store.Writes);
    }

    [Fact]
    public async Task Ship_WhenTheKeyHoldsOtherLines_ShipsUnderTheDuplicateKeyAndWarns()
    {
        await using var sink = Sink();
        await sink.WriteBatchAsync([Line("t1", "acme", 10, 1)], CancellationToken.None);
        var store = new MemorySegmentStore();
        var key = "traces/_index/tenant=acme/dt=2026-12-07/hour=10/inst-a-0000000000.jsonl.gz";
        store.Objects[key] = new IndexSegment
        {
            Key = key,
            GzipBody = [],
            Sha256 = new string('f', 64),
            UncompressedBytes = 0,
            LineCount = 0,
            TenantId = "acme",
            Instance = "inst-a",
            Sequence = 0,
            FirstTimestamp = Now,
            LastTimestamp = Now,
            RetentionClass = "index",
        };
        await using var shipper = Shipper(sink, store);

        Assert.True(await shipper.ShipAsync(CancellationToken.None));

        var duplicate = Assert.Single(store.Objects.Values, s => s.Key != key);
        Assert.Equal(IndexKeys.ForDuplicate(key, duplicate.Sha256), duplicate.Key);
        Assert.Equal($"traces/_index/tenant=acme/dt=2026-12-07/hour=10/inst-a.dup-{duplicate.Sha256[..16]}-0000000000.jsonl.gz", duplicate.Key);
        Assert.Equal(["t1"], MemorySegmentStore.Lines(duplicate).Select(TraceId));
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Id.Id == 202 && r.Message.Contains(duplicate.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ship_FollowsTheSinkAcrossRolledFiles_AndShipsAFileOnlyOnce()
    {
        await using var sink = Sink(maxFileSize: 4096);
        var store = new MemorySegmentStore();
        await using var shipper = Shipper(sink, store);
        for (var i = 0; i < 30; i++)
        {
            await sink.WriteBatchAsync([Line($"t{i:D2}", "acme", 10, i, new string('x', 300))], CancellationToken.None);
            if (i % 7 == 0)
            {
                await shipper.ShipAsync(CancellationToken.None);
            }
        }

        await shipper.ShipAsync(CancellationToken.None);

        Assert.True(sink.Names.List().Count >= 3);
        var shipped = store.Objects.Values.SelectMany(MemorySegmentStore.Lines).Select(TraceId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"t{i:D2}"), shipped);
    }

    [Fact]
    public async Task Ship_LinesOfABatchStillBeingWritten_AreNotCut()
    {
        await using var sink = Sink();
        await sink.WriteBatchAsync([Line("t1", "acme", 10, 1)], CancellationToken.None);
        var path = sink.CurrentPath!;
        var store = new MemorySegmentStore();
        await using var shipper = Shipper(sink, store);

        // A batch larger than the write buffer fails at its flush: what reached the disk is cut off again by the sink.
        using var cancel = new CancellationTokenSource();
        var big = Enumerable.Range(0, 300).Select(i => Line($"b{i}", "acme", 10, 2, new string('y', 900))).ToList();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await sink.WriteBatchAsync(big, cancel.Token));
        await shipper.ShipAsync(CancellationToken.None);

        Assert.Equal(["t1"], store.Objects.Values.SelectMany(MemorySegmentStore.Lines).Select(TraceId));
        Assert.Single(File.ReadAllLines(path));
    }

    [Fact]
    public void LineGrouper_ReadsTenantAndTimestampAtTopLevelOnly()
    {
        var line = "{\"attributes\":{\"tenant_id\":\"nested\"},\"tenant_id\":\"acme\",\"timestamp\":\"2026-12-07T23:59:59.999Z\"}\n"u8.ToArray();

        var (tenant, timestamp) = IndexLineGrouper.Read(line);

        Assert.Equal("acme", tenant);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 23, 59, 59, 999, TimeSpan.Zero), timestamp);
        Assert.Equal((null, null), IndexLineGrouper.Read("not json\n"u8));
    }

    private RollingJsonlFileSink Sink(string? directory = null, string instance = "inst-a", long maxFileSize = 100L * 1024 * 1024) =>
        new(new PreviewLogOptions { Directory = directory ?? _folder.Path, Instance = instance, MaxFileSizeBytes = maxFileSize }, _time);

    private IndexShipper Shipper(RollingJsonlFileSink sink, MemorySegmentStore store, string instance = "inst-a") =>
        new(sink, store, new IndexShipOptions(), "default", instance, _time, new IndexShipMetrics(_services.GetRequiredService<IMeterFactory>()), _logger);

    private static LlmTraceLogLine Line(string traceId, string? tenant, int hour, int minute, string preview = "p") => new()
    {
        TraceId = traceId,
        SpanId = "s1",
        TenantId = tenant!,
        Timestamp = new DateTimeOffset(2026, 12, 7, hour, minute, 0, TimeSpan.Zero),
        InputPreview = preview,
        PayloadKey = $"{tenant}/{traceId}/s1.json",
        PayloadSha256 = new string('0', 64),
    };

    private static byte[] Json(LlmTraceLogLine line) => new JsonlLineEncoder(16 * 1024).Encode(line).ToArray()[..^1];

    private static string TraceId(string line) => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("trace_id").GetString()!;
}
