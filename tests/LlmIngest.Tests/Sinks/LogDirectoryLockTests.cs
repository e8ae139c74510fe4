using LlmIngest.Sinks;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LlmIngest.Tests.Sinks;

public sealed class LogDirectoryLockTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ASecondWriterOnTheDirectory_WritesInstanceNamedFiles_AndWarnsNamingTheSetting()
    {
        var logger = new FakeLogger();
        await using var first = new RollingJsonlFileSink(Options("inst-a", retained: 1), _time);
        await using var second = new RollingJsonlFileSink(Options("inst-b", retained: 1), _time, logger);

        await first.WriteBatchAsync([Record("a1")], CancellationToken.None);
        await second.WriteBatchAsync([Record("b1")], CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        await first.WriteBatchAsync([Record("a2")], CancellationToken.None); // retention of 1 file: deletes only its own

        Assert.EndsWith("traces-20261208.jsonl", first.CurrentPath, StringComparison.Ordinal);
        Assert.EndsWith("traces-inst-b-20261207.jsonl", second.CurrentPath, StringComparison.Ordinal);
        Assert.Equal(["a2"], ReadIds(first.CurrentPath!));
        Assert.Equal(["b1"], ReadIds(second.CurrentPath!));
        Assert.True(File.Exists(second.CurrentPath));
        Assert.Null(first.Names.Instance);
        Assert.Equal("inst-b", second.Names.Instance);
        var warning = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 220);
        Assert.Contains("LlmIngest:Log:Directory", warning.Message, StringComparison.Ordinal);
        Assert.Contains("instance=inst-a", warning.Message, StringComparison.Ordinal);
        Assert.Contains("instance=inst-a", await File.ReadAllTextAsync(LogFileNames.WriterPath(_folder.Path, "traces")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDirectoryIsFreeAgainOnceItsWriterIsDisposed()
    {
        await using (var first = new RollingJsonlFileSink(Options("inst-a"), _time))
        {
            await first.WriteBatchAsync([Record("a1")], CancellationToken.None);
        }

        await using var next = new RollingJsonlFileSink(Options("inst-b"), _time);
        await next.WriteBatchAsync([Record("b1")], CancellationToken.None);

        Assert.Null(next.Names.Instance);
        Assert.Equal(["a1", "b1"], ReadIds(next.CurrentPath!));
    }

    [Theory]
    [InlineData("traces-20261207.jsonl", null, true)]
    [InlineData("traces-20261207_012.jsonl", null, true)]
    [InlineData("traces-inst-b-20261207.jsonl", null, false)]
    [InlineData("traces-inst-b-20261207_001.jsonl", "inst-b", true)]
    [InlineData("traces-20261207.jsonl", "inst-b", false)]
    [InlineData("traces-2026120.jsonl", null, false)]
    public void FileNames_EachWriterRecognisesOnlyItsOwnSet(string name, string? instance, bool own)
    {
        var names = new LogFileNames(_folder.Path, "traces", instance);

        Assert.Equal(own, names.TryParse(name, out _, out _));
    }

    private PreviewLogOptions Options(string instance, int retained = 31) =>
        new() { Directory = _folder.Path, FilePrefix = "traces", Instance = instance, RetainedFileCount = retained };

    private static string[] ReadIds(string path) =>
        File.ReadAllLines(path).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("trace_id").GetString()!).ToArray();

    private LlmTraceLogLine Record(string traceId) => new()
    {
        TraceId = traceId,
        SpanId = "s1",
        TenantId = "default",
        Timestamp = _time.GetUtcNow(),
        PayloadKey = $"default/{traceId}/s1.json",
        PayloadSha256 = new string('0', 64),
    };
}
