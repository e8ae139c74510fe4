using System.Text.Json;
using LlmIngest.Processing;

namespace LlmIngest.Tests.Processing;

public sealed class DataUriScannerTests
{
    private static readonly string[] MediaTypes = ["image/png", "image/jpeg", "audio/wav", "application/pdf", "image/svg+xml"];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Find_GeneratedUrisOfRandomSizeAndType_InPlainAndJsonEscapedText_DecodesEachToItsBytes(int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[random.Next(800, 40_000)];
        random.NextBytes(bytes);
        var type = MediaTypes[random.Next(MediaTypes.Length)];
        var uri = $"data:{type};base64,{Convert.ToBase64String(bytes)}";
        var before = new string('x', random.Next(0, 50)) + " see ";

        // As the app wrote it, and inside JSON text (System.Text.Json escapes '+' and '=' as \u002B and \u003D).
        var plain = before + uri + " thanks";
        var json = before + JsonSerializer.Serialize(new { image = uri });
        foreach (var text in new[] { plain, json })
        {
            var found = Assert.Single(DataUriScanner.Find(text, 1024)!);

            Assert.Equal(type, found.MediaType);
            Assert.Equal(bytes, found.Bytes);
            Assert.Equal(text.IndexOf("data:", StringComparison.Ordinal), found.Start);
            Assert.StartsWith("data:", text.Substring(found.Start, found.Length), StringComparison.Ordinal);
        }

        Assert.Equal(uri.Length, DataUriScanner.Find(plain, 1024)![0].Length);
    }

    [Fact]
    public void Find_SkipsSmallUris_AndTextThatOnlyLooksLikeOne()
    {
        var small = "data:image/png;base64," + Convert.ToBase64String(new byte[100]);

        Assert.Null(DataUriScanner.Find($"an icon {small} and data: that is prose; base64, indeed", 1024));
        Assert.Null(DataUriScanner.Find("data:text/plain,hello " + new string('A', 5000), 1024));
    }

    [Fact]
    public void Find_TwoUrisInOneText_FindsBothInOrder()
    {
        var a = new byte[2000];
        var b = new byte[3000];
        new Random(1).NextBytes(a);
        new Random(2).NextBytes(b);
        var text = $"first data:image/png;base64,{Convert.ToBase64String(a)} then data:image/gif;base64,{Convert.ToBase64String(b)}.";

        var found = DataUriScanner.Find(text, 1024)!;

        Assert.Equal(["image/png", "image/gif"], found.Select(f => f.MediaType));
        Assert.Equal(a, found[0].Bytes);
        Assert.Equal(b, found[1].Bytes);
    }
}
