using System.Text.Json;
using LlmIngest.Sinks;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LlmIngest.Tests.Sinks;

public sealed class RollingJsonlFileSinkTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 23, 59, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WriteBatch_WritesOneCompactParsableLinePerRecord()
    {
        await using var sink = new RollingJsonlFileSink(Options(), _time);

        await sink.WriteBatchAsync([Record("t1", "Grüße 日本語 😀"), Record("t2", "two")], CancellationToken.None);

        var lines = await File.ReadAllLinesAsync(sink.CurrentPath!);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("traces-20261123.jsonl", sink.CurrentPath, StringComparison.Ordinal);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("t1", first.RootElement.GetProperty("trace_id").GetString());
        Assert.Equal("Grüße 日本語 😀", first.RootElement.GetProperty("input_preview").GetString());
        Assert.Contains("Grüße 日本語 😀", lines[0], StringComparison.Ordinal); // UTF-8, not \u-escaped
        Assert.Equal("2026-11-23T23:58:00.123Z", first.RootElement.GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task WriteBatch_AfterAProcessDiedMidLine_CutsTheTornLineSoEveryLineParses()
    {
        await using (var first = new RollingJsonlFileSink(Options(), _time))
        {
            await first.WriteBatchAsync([Record("t1", "one")], CancellationToken.None);
        }

        var path = Directory.GetFiles(_folder.Path, "*.jsonl").Single();
        await File.AppendAllTextAsync(path, "{\"trace_id\":\"torn"); // what kill -9 in the middle of a write leaves
        await using var sink = new RollingJsonlFileSink(Options(), _time);

        await sink.WriteBatchAsync([Record("t2", "two")], CancellationToken.None);

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(["t1", "t2"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("trace_id").GetString()));
    }

    [Fact]
    public async Task WriteBatch_WhenTheDiskFillsMidBatch_LeavesNoLineOfTheFailedBatchBehind()
    {
        await using var sink = new RollingJsonlFileSink(Options(), _time);
        await sink.WriteBatchAsync([Record("t1", "one")], CancellationToken.None);
        var path = sink.CurrentPath!;

        // 400 KB of lines overflow the 64 KB write buffer, so most of the batch reaches the file before the batch
        // fails at its final flush (here: cancelled), as a full disk fails it part-way.
        var big = Enumerable.Range(0, 400).Select(i => Record($"b{i}", new string('x', 900))).ToList();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sink.WriteBatchAsync(big, cancel.Token).AsTask());

        await sink.WriteBatchAsync([Record("t2", "two")], CancellationToken.None);
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(["t1", "t2"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("trace_id").GetString()));
    }

    [Fact]
    public async Task WriteBatch_PastTheSizeLimit_RollsToANumberedFile()
    {
        var options = Options();
        options.MaxFileSizeBytes = 4096;
        await using var sink = new RollingJsonlFileSink(options, _time);

        for (var i = 0; i < 30; i++)
        {
            await sink.WriteBatchAsync([Record($"t{i}", new string('x', 300))], CancellationToken.None);
        }

        var files = Directory.GetFiles(_folder.Path, "*.jsonl").Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 3);
        Assert.EndsWith("traces-20261123.jsonl", files[0], StringComparison.Ordinal);
        Assert.EndsWith("traces-20261123_001.jsonl", files[1], StringComparison.Ordinal);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length <= 4096));
        Assert.Equal(30, files.Sum(f => File.ReadAllLines(f).Length));
    }

    [Fact]
    public async Task WriteBatch_OnANewUtcDay_StartsTheNextDaysFile()
    {
        await using var sink = new RollingJsonlFileSink(Options(), _time);
        await sink.WriteBatchAsync([Record("a", "day one")], CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(2));
        await sink.WriteBatchAsync([Record("b", "day two")], CancellationToken.None);

        Assert.EndsWith("traces-20261124.jsonl", sink.CurrentPath, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(_folder.Combine("traces-20261123.jsonl")));
        Assert.Single(File.ReadAllLines(_folder.Combine("traces-20261124.jsonl")));
    }

    [Fact]
    public async Task WriteBatch_KeepsOnlyTheRetainedNumberOfFiles()
    {
        var options = Options();
        options.RetainedFileCount = 3;
        await using var sink = new RollingJsonlFileSink(options, _time);

        for (var day = 0; day < 6; day++)
        {
            await sink.WriteBatchAsync([Record($"t{day}", "x")], CancellationToken.None);
            _time.Advance(TimeSpan.FromDays(1));
        }

        var names = Directory.GetFiles(_folder.Path, "*.jsonl").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["traces-20261126.jsonl", "traces-20261127.jsonl", "traces-20261128.jsonl"], names);
    }

    [Fact]
    public async Task WriteBatch_AfterARestart_AppendsToTheLastFileOfTheDay()
    {
        await using (var before = new RollingJsonlFileSink(Options(), _time))
        {
            await before.WriteBatchAsync([Record("a", "x")], CancellationToken.None);
        }

        await using var after = new RollingJsonlFileSink(Options(), _time);
        await after.WriteBatchAsync([Record("b", "y")], CancellationToken.None);

        Assert.Equal(2, File.ReadAllLines(_folder.Combine("traces-20261123.jsonl")).Length);
    }

    private PreviewLogOptions Options() => new() { Directory = _folder.Path, FilePrefix = "traces" };

    private static LlmTraceLogLine Record(string traceId, string preview) => new()
    {
        TraceId = traceId,
        SpanId = "s1",
        TenantId = "default",
        Timestamp = new DateTimeOffset(2026, 11, 23, 23, 58, 0, 123, TimeSpan.Zero),
        InputPreview = preview,
        PayloadKey = $"default/{traceId}/s1.json",
        PayloadSha256 = new string('0', 64),
    };
}
