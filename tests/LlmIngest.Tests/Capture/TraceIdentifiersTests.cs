using LlmIngest.Capture;

namespace LlmIngest.Tests.Capture;

public sealed class TraceIdentifiersTests
{
    [Fact]
    public void NewTraceId_IsAVersion7UuidOf32LowercaseHexDigits_StartingWithTheCurrentUnixMilliseconds()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = TraceIdentifiers.NewTraceId();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Matches("^[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$", id);
        Assert.InRange(Convert.ToInt64(id[..12], 16), before, after);
        Assert.Equal(7, Guid.ParseExact(id, "N").Version);
    }

    [Fact]
    public void NewIds_AreDistinctAndValid()
    {
        var traces = Enumerable.Range(0, 10_000).Select(_ => TraceIdentifiers.NewTraceId()).ToHashSet();
        var spans = Enumerable.Range(0, 10_000).Select(_ => TraceIdentifiers.NewSpanId()).ToHashSet();

        Assert.Equal((10_000, 10_000), (traces.Count, spans.Count));
        Assert.All(spans, s => Assert.Matches("^[0-9a-f]{16}$", s));
        Assert.All(traces.Take(100), t => Assert.True(TraceIdentifiers.IsValid(t)));
    }
}
