using LlmIngest.Storage;

namespace LlmIngest.Tests.Storage;

public sealed class IndexKeysTests
{
    [Theory]
    [InlineData("traces", "acme", "host-1-20261202T174052Z", 0L)]
    [InlineData("", "t.1_x-y", "a", 42L)]
    [InlineData("/deep/prefix/", "default", "pod-7f9c.ns", 9_999_999_999L)]
    public void A_segment_key_parses_back_to_its_partition_values(string prefix, string tenant, string instance, long sequence)
    {
        var hour = new DateTime(2026, 12, 2, 7, 0, 0, DateTimeKind.Utc);

        var key = IndexKeys.ForSegment(prefix, tenant, hour, instance, sequence);

        Assert.StartsWith(IndexKeys.ForHour(prefix, tenant, hour), key, StringComparison.Ordinal);
        Assert.Contains($"tenant={tenant}/dt=2026-12-02/hour=07/", key, StringComparison.Ordinal);
        Assert.True(IndexKeys.TryParse(prefix, key, out var parsed));
        Assert.Equal(new IndexSegmentKey(tenant, hour, instance, sequence), parsed);
    }

    [Fact]
    public void The_index_lives_beside_the_payloads_under_the_prefix()
    {
        Assert.Equal("traces/_index/", IndexKeys.Root("traces"));
        Assert.Equal("_index/", IndexKeys.Root(""));
        Assert.Equal("traces/_index/tenant=acme/dt=2026-01-31/", IndexKeys.ForDay("traces/", "acme", new DateOnly(2026, 1, 31)));
    }

    [Theory]
    [InlineData("traces/acme/0123/abc.json")]
    [InlineData("traces/_index/tenant=acme/dt=2026-12-02/hour=24/i-0000000001.jsonl.gz")]
    [InlineData("traces/_index/tenant=acme/dt=2026-13-02/hour=01/i-0000000001.jsonl.gz")]
    [InlineData("traces/_index/tenant=acme/dt=2026-12-02/hour=01/i-x.jsonl.gz")]
    [InlineData("traces/_index/tenant=/dt=2026-12-02/hour=01/i-0000000001.jsonl.gz")]
    [InlineData("traces/_index/tenant=acme/dt=2026-12-02/i-0000000001.jsonl.gz")]
    [InlineData("other/_index/tenant=acme/dt=2026-12-02/hour=01/i-0000000001.jsonl.gz")]
    public void Other_keys_are_not_segments(string key) => Assert.False(IndexKeys.TryParse("traces", key, out _));

    [Theory]
    [InlineData("")]
    [InlineData("-leading")]
    [InlineData("has/slash")]
    [InlineData("has space")]
    public void An_unsafe_instance_name_is_refused(string instance) =>
        Assert.Throws<ArgumentException>(() => IndexKeys.ForSegment("traces", "acme", DateTime.UtcNow, instance, 1));

    [Fact]
    public void A_duplicate_segment_key_stays_in_its_partition_and_still_parses_as_a_segment()
    {
        var hour = new DateTime(2026, 12, 2, 7, 0, 0, DateTimeKind.Utc);
        var key = IndexKeys.ForSegment("traces", "acme", hour, "pod-1", 42);
        var sha = "0123456789abcdef" + new string('9', 48);

        var duplicate = IndexKeys.ForDuplicate(key, sha);

        Assert.Equal("traces/_index/tenant=acme/dt=2026-12-02/hour=07/pod-1.dup-0123456789abcdef-0000000042.jsonl.gz", duplicate);
        Assert.True(IndexKeys.IsSegmentKey("traces", duplicate));
        Assert.True(IndexKeys.TryParse("traces", duplicate, out var parsed));
        Assert.Equal(("acme", hour, 42L), (parsed.TenantId, parsed.HourUtc, parsed.Sequence));
        Assert.Equal(duplicate, IndexKeys.ForDuplicate(key, sha)); // a retry of the same lines lands on the same key
        Assert.False(IndexKeys.IsSegmentKey("traces", "traces/acme/0af7651916cd43dd8448eb211c80319c/b7ad6b7169203331.json"));
    }
}
