using LlmIngest.Processing;

namespace LlmIngest.Tests.Processing;

public sealed class MediaMarkerTests
{
    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(2048, "2.0 KiB")]
    [InlineData(5 * 1024 * 1024, "5.0 MiB")]
    public void For_NamesTypeSizeAndTheStartOfTheHash(long length, string size) =>
        Assert.Equal($"[media image/png {size} sha256:0123456789ab…]", MediaMarker.For("image/png", length, "0123456789abcdef" + new string('0', 48)));
}
