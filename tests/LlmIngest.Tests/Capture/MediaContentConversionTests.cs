using LlmIngest.Capture;
using Microsoft.Extensions.AI;

namespace LlmIngest.Tests.Capture;

public sealed class MediaContentConversionTests
{
    [Fact]
    public void ToMessage_DataContentAndUriContent_BecomeReferences_BesideTheText()
    {
        var bytes = new byte[] { 1, 2, 3, 4 };
        var message = new ChatMessage(ChatRole.User, [
            new TextContent("compare these"),
            new DataContent(bytes, "image/png") { Name = "a.png" },
            new UriContent("https://example.com/b.jpg?sig=abc", "image/jpeg"),
        ]);

        var converted = ChatMessageConversion.ToMessage(message);

        Assert.Equal("compare these", converted.Content);
        Assert.Equal(2, converted.Media!.Count);
        var data = converted.Media[0];
        Assert.Equal(("image/png", "a.png", 4L, false), (data.MediaType, data.Name, data.Length, data.Stored));
        Assert.Equal(bytes, data.Data!.Value.ToArray()); // kept for the offloader, by reference
        var uri = converted.Media[1];
        Assert.Equal(("image/jpeg", "https://example.com/b.jpg?sig=abc", (long?)null, (string?)null), (uri.MediaType, uri.Uri, uri.Length, uri.Sha256));
    }

    [Fact]
    public void ToMessage_DataUriDataContent_KeepsItsDecodedBytes()
    {
        var bytes = new byte[3000];
        new Random(7).NextBytes(bytes);
        var content = new DataContent("data:audio/wav;base64," + Convert.ToBase64String(bytes));

        var converted = ChatMessageConversion.ToMessage(new ChatMessage(ChatRole.User, [content]));

        Assert.Null(converted.Content);
        Assert.Equal(bytes, Assert.Single(converted.Media!).Data!.Value.ToArray());
    }

    [Fact]
    public void ToMessages_AToolResultHoldingAnImage_IsAReference_NotItsBase64()
    {
        var image = new DataContent(new byte[2000], "image/png");
        var messages = ChatMessageConversion.ToMessages([
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", image)]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c2", image), new FunctionResultContent("c3", "ok")]),
        ]);

        Assert.Equal(3, messages.Count);
        Assert.All(messages.Take(2), m => Assert.Equal(2000L, Assert.Single(m.Media!).Length));
        Assert.All(messages.Take(2), m => Assert.Null(m.Content));
        Assert.Equal(["c1", "c2", "c3"], messages.Select(m => m.ToolCallId));
        Assert.Equal("ok", messages[2].Content);
    }
}
