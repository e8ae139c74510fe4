using LlmIngest.Storage;

namespace LlmIngest.Tests.Storage;

public sealed class IndexSegmentSummaryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_then_Parse_keeps_the_counts_the_time_range_and_every_id()
    {
        var lines = Lines(count: 18_000, sessions: 3_000, seed: 1);

        var summary = IndexSegmentSummary.Parse(IndexSegmentSummary.Build(lines));

        Assert.NotNull(summary);
        Assert.Equal(18_000, summary.Lines);
        Assert.Equal(lines.Min(l => l.Timestamp), summary.First);
        Assert.Equal(lines.Max(l => l.Timestamp), summary.Last);
        Assert.All(lines, l => Assert.True(summary.MightContainSession(l.SessionId!) && summary.MightContainTrace(l.TraceId)));
    }

    [Fact]
    public void Ids_not_in_the_segment_pass_about_one_time_in_a_hundred()
    {
        var summary = IndexSegmentSummary.Parse(IndexSegmentSummary.Build(Lines(count: 18_000, sessions: 4_000, seed: 2)))!;

        var sessionHits = Enumerable.Range(0, 100_000).Count(i => summary.MightContainSession($"other-session-{i}"));
        var traceHits = Enumerable.Range(0, 100_000).Count(i => summary.MightContainTrace($"{i:x32}"));
        var benchShapedHits = Enumerable.Range(0, 100_000).Count(i => summary.MightContainSession($"sess-12{i:D10}"));

        Assert.InRange(sessionHits / 100_000.0, 0.0, 0.015);
        Assert.InRange(traceHits / 100_000.0, 0.0, 0.015);
        Assert.InRange(benchShapedHits / 100_000.0, 0.0, 0.015);
        Assert.True(sessionHits > 0, "a 1% filter that never says maybe is suspiciously large");
    }

    [Fact]
    public void InRange_is_true_only_when_a_line_can_fall_in_the_range()
    {
        var summary = IndexSegmentSummary.Parse(IndexSegmentSummary.Build(Lines(count: 100, sessions: 10, seed: 3)))!;

        Assert.True(summary.InRange(null, null));
        Assert.True(summary.InRange(summary.Last, null));
        Assert.False(summary.InRange(summary.Last.AddMilliseconds(1), null));
        Assert.False(summary.InRange(null, summary.First));
        Assert.True(summary.InRange(null, summary.First.AddMilliseconds(1)));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'L', (byte)'T', (byte)'I', (byte)'S', 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Bytes_of_another_version_or_truncated_are_no_summary(byte[] bytes) => Assert.Null(IndexSegmentSummary.Parse(bytes));

    [Fact]
    public void A_truncated_summary_is_no_summary()
    {
        var bytes = IndexSegmentSummary.Build(Lines(count: 50, sessions: 5, seed: 4));

        Assert.NotNull(IndexSegmentSummary.Parse(bytes));
        Assert.Null(IndexSegmentSummary.Parse(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Fact]
    public void The_summary_key_mirrors_the_segment_partitions_outside_the_index_folder()
    {
        var segment = IndexKeys.ForSegment("traces", "acme", Start.UtcDateTime, "pod-1", 7);

        Assert.Equal("traces/_index_ids/tenant=acme/dt=2026-12-02/hour=07/pod-1-0000000007.ids", IndexKeys.ForSummary(segment));
        Assert.Equal("_index_ids/tenant=acme/dt=2026-12-02/hour=07/pod-1-0000000007.ids", IndexKeys.ForSummary(IndexKeys.ForSegment("", "acme", Start.UtcDateTime, "pod-1", 7)));
        Assert.Throws<ArgumentException>(() => IndexKeys.ForSummary("traces/acme/0123/abc.json"));
    }

    private static List<LlmTraceLogLine> Lines(int count, int sessions, int seed)
    {
        var random = new Random(seed);
        var lines = new List<LlmTraceLogLine>(count);
        for (var i = 0; i < count; i++)
        {
            lines.Add(new LlmTraceLogLine
            {
                TraceId = $"{seed:x8}{i:x24}",
                SpanId = $"{i:x16}",
                SessionId = $"sess-{seed}-{random.Next(sessions)}",
                TenantId = "acme",
                Timestamp = Start.AddMilliseconds(random.Next(3_600_000)),
                PayloadSha256 = string.Empty,
            });
        }

        return lines;
    }
}
