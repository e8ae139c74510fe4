using LlmIngest.Storage;

namespace LlmIngest.Tests.Storage;

public sealed class PayloadKeysTests
{
    [Fact]
    public void ForPayload_LaysOutPrefixTenantTraceAndSpan() =>
        Assert.Equal("traces/acme/0199abc/5f2e.json", PayloadKeys.ForPayload("traces", "acme", "0199abc", "5f2e"));

    [Theory]
    [InlineData("", "acme/t1/")]
    [InlineData("/", "acme/t1/")]
    [InlineData("a/b/", "a/b/acme/t1/")]
    public void ForTrace_NormalizesThePrefix(string prefix, string expected) =>
        Assert.Equal(expected, PayloadKeys.ForTrace(prefix, "acme", "t1"));

    [Theory]
    [InlineData("acme", "../../etc", "s")]
    [InlineData("acme", "t", "../s")]
    [InlineData("..", "t", "s")]
    [InlineData("a/b", "t", "s")]
    [InlineData("acme", "t%2F..", "s")]
    public void ForPayload_RejectsIdsThatCouldLeaveThePrefix(string tenant, string trace, string span)
    {
        var error = Assert.Throws<ArgumentException>(() => PayloadKeys.ForPayload("traces", tenant, trace, span));

        Assert.Contains("is not a valid", error.Message, StringComparison.Ordinal);
    }
}
