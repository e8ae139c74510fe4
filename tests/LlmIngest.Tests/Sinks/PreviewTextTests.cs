using LlmIngest.Sinks;

namespace LlmIngest.Tests.Sinks;

public sealed class PreviewTextTests
{
    [Fact]
    public void Cut_ShortText_IsUnchanged() => Assert.Equal("hello", PreviewText.Cut("hello", 100));

    [Fact]
    public void Cut_LongText_KeepsTheFirstCharacters() => Assert.Equal(new string('x', 100), PreviewText.Cut(new string('x', 250), 100));

    [Fact]
    public void Cut_NeverSplitsASurrogatePair()
    {
        var text = new string('a', 99) + "😀" + "tail";

        var preview = PreviewText.Cut(text, 100)!;

        Assert.Equal(99, preview.Length);
        Assert.False(char.IsHighSurrogate(preview[^1]));
    }

    [Fact]
    public void LastUserContent_PrefersTheLastUserMessage()
    {
        IList<LlmMessage> messages = [new("system", "sys"), new("user", "first"), new("assistant", "a"), new("user", "second"), new("tool", "t")];

        Assert.Equal("second", PreviewText.LastUserContent(messages));
    }

    [Fact]
    public void LastUserContent_WithoutUserMessages_FallsBackToTheLastMessage() =>
        Assert.Equal("t", PreviewText.LastUserContent([new("system", "sys"), new("tool", "t")]));
}
