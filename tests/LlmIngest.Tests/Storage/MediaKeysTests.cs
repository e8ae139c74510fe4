using LlmIngest.Capture;
using LlmIngest.Storage;

namespace LlmIngest.Tests.Storage;

public sealed class MediaKeysTests
{
    private static readonly string Sha = new('a', 64);

    [Theory]
    [InlineData("traces", "traces/acme/_media/")]
    [InlineData("", "acme/_media/")]
    [InlineData("/a/b/", "a/b/acme/_media/")]
    public void ForMedia_PutsMediaInTheTenantsMediaFolder(string prefix, string folder) =>
        Assert.Equal(folder + Sha, MediaKeys.ForMedia(prefix, "acme", Sha));

    [Fact]
    public void TheMediaFolder_IsNoTraceId_SoNoTraceListingReachesIt()
    {
        Assert.False(TraceIdentifiers.IsValid(MediaKeys.Folder));
        Assert.Throws<ArgumentException>(() => PayloadKeys.ForTrace("traces", "acme", MediaKeys.Folder));
        Assert.True(MediaKeys.IsMediaKey(MediaKeys.ForMedia("traces", "acme", Sha)));
        Assert.False(MediaKeys.IsMediaKey(PayloadKeys.ForPayload("traces", "acme", "t1", "s1")));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abc")]
    public void ForMedia_RejectsAnythingButALowercaseSha256(string sha) =>
        Assert.Throws<ArgumentException>(() => MediaKeys.ForMedia("traces", "acme", sha));

    [Fact]
    public void ForMedia_RejectsATenantThatCouldLeaveThePrefix() =>
        Assert.Throws<ArgumentException>(() => MediaKeys.ForMedia("traces", "..", Sha));
}
