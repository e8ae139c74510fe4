using LlmIngest.Storage;

namespace LlmIngest.Tests.Storage;

public sealed class LlmTraceIndexSummaryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_public_summary_reads_what_the_shipper_builds_and_round_trips_through_its_bytes()
    {
        var lines = Enumerable.Range(0, 200).Select(i => new LlmTraceLogLine
        {
            TraceId = $"trace-{i}",
            SpanId = $"{i:x16}",
            SessionId = $"sess-{i % 20}",
            TenantId = "acme",
            Timestamp = Start.AddSeconds(i),
            PayloadSha256 = string.Empty,
        }).ToList();
        var built = IndexSegmentSummary.Build(lines);

        Assert.True(LlmTraceIndexSummary.TryParse(built, out var summary));
        Assert.Equal(200, summary.Lines);
        Assert.Equal(Start, summary.FirstTimestamp);
        Assert.Equal(Start.AddSeconds(199), summary.LastTimestamp);
        Assert.All(lines, l => Assert.True(summary.MightContainSession(l.SessionId!) && summary.MightContainTrace(l.TraceId)));
        Assert.Equal(built, summary.ToArray());

        Assert.True(LlmTraceIndexSummary.TryParse(summary.ToArray(), out var again));
        Assert.Equal(summary.Lines, again.Lines);
        Assert.False(LlmTraceIndexSummary.TryParse(built.AsSpan(0, built.Length - 1), out var truncated));
        Assert.Null(truncated);
        Assert.False(LlmTraceIndexSummary.TryParse([], out _));
    }
}
