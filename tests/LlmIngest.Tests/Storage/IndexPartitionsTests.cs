using LlmIngest.Storage;

namespace LlmIngest.Tests.Storage;

public sealed class IndexPartitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Without_a_lower_bound_the_whole_tenant_is_listed() =>
        Assert.Equal(["p/_index/tenant=acme/"], IndexPartitions.Prefixes("p", "acme", null, null, Now));

    [Fact]
    public void A_range_across_midnight_lists_the_partial_days_hour_by_hour()
    {
        var prefixes = IndexPartitions.Prefixes("p", "acme", new DateTimeOffset(2026, 12, 1, 22, 15, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero), Now);

        Assert.Equal(
        [
            "p/_index/tenant=acme/dt=2026-12-01/hour=22/",
            "p/_index/tenant=acme/dt=2026-12-01/hour=23/",
            "p/_index/tenant=acme/dt=2026-12-02/hour=00/",
        ], prefixes);
    }

    [Fact]
    public void Whole_days_inside_the_range_are_one_day_prefix_each()
    {
        var prefixes = IndexPartitions.Prefixes("", "acme", new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 3, 0, 0, 1, TimeSpan.Zero), Now);

        Assert.Equal(
        [
            "_index/tenant=acme/dt=2026-11-30/hour=23/",
            "_index/tenant=acme/dt=2026-12-01/",
            "_index/tenant=acme/dt=2026-12-02/",
            "_index/tenant=acme/dt=2026-12-03/hour=00/",
        ], prefixes);
    }

    [Fact]
    public void Without_an_upper_bound_the_range_runs_a_day_past_now()
    {
        var prefixes = IndexPartitions.Prefixes("p", "acme", Now.AddHours(-24), null, Now);

        Assert.Equal("p/_index/tenant=acme/dt=2026-12-02/hour=10/", prefixes[0]);
        Assert.Contains("p/_index/tenant=acme/dt=2026-12-03/", prefixes);
        Assert.Equal("p/_index/tenant=acme/dt=2026-12-04/hour=10/", prefixes[^1]);
        Assert.DoesNotContain(prefixes, p => p.Contains("dt=2026-12-02/hour=09", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_range_lists_nothing() =>
        Assert.Empty(IndexPartitions.Prefixes("p", "acme", Now, Now, Now));

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(11, true)]
    [InlineData(12, false)]
    public void An_hour_overlaps_a_range_when_one_of_its_instants_is_inside(int hour, bool expected) =>
        Assert.Equal(expected, IndexPartitions.Overlaps(new DateTime(2026, 12, 3, hour, 0, 0, DateTimeKind.Utc), Now.AddMinutes(-29), Now.AddHours(1.5)));
}
