using System.Text;
using LlmIngest.Shipping;

namespace LlmIngest.Tests.Shipping;

public sealed class IndexSummaryLinesTests
{
    [Fact]
    public void TryBuild_AdmitsEverySessionAndTraceOfTheLines_AndCountsThem()
    {
        var lines = Enumerable.Range(0, 500).Select(i => Line($"{{\"timestamp\":\"2026-12-07T10:{i % 60:D2}:00.000Z\",\"trace_id\":\"trace-{i:D5}\",\"span_id\":\"span-{i:D5}\",\"session_id\":\"sess-{i % 40:D3}\",\"tenant_id\":\"acme\",\"model\":\"m\",\"payload_key\":\"k\",\"payload_sha256\":\"\"}}")).ToList();

        var bytes = IndexSummaryLines.TryBuild(lines);

        Assert.NotNull(bytes);
        Assert.True(LlmTraceIndexSummary.TryParse(bytes, out var summary));
        Assert.Equal(500, summary.Lines);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero), summary.FirstTimestamp);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 59, 0, TimeSpan.Zero), summary.LastTimestamp);
        Assert.All(Enumerable.Range(0, 500), i => Assert.True(summary.MightContainTrace($"trace-{i:D5}")));
        Assert.All(Enumerable.Range(0, 40), i => Assert.True(summary.MightContainSession($"sess-{i:D3}")));
        var strangers = Enumerable.Range(0, 1000).Count(i => summary.MightContainSession($"other-{i}"));
        Assert.True(strangers < 50, $"{strangers} of 1000 unknown sessions admitted");
    }

    [Fact]
    public void TryBuild_GivesNoSummary_WhenALineDoesNotParse()
    {
        var lines = new[]
        {
            Line("{\"timestamp\":\"2026-12-07T10:00:00.000Z\",\"trace_id\":\"t1\",\"span_id\":\"s1\",\"tenant_id\":\"acme\",\"model\":\"m\",\"payload_key\":\"k\",\"payload_sha256\":\"\"}"),
            Line("{\"timestamp\":\"2026-12-07T10:00:01.000Z\",\"trace_id\":\"t2\",\"spa"),
        };

        Assert.Null(IndexSummaryLines.TryBuild(lines));
    }

    private static ReadOnlyMemory<byte> Line(string json) => Encoding.UTF8.GetBytes(json + "\n");
}
