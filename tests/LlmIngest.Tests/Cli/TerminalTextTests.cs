using LlmIngest.Cli.Output;

namespace LlmIngest.Tests.Cli;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("a\u202Eb", "a\\u202Eb")]
    [InlineData("\u2066x\u2069", "\\u2066x\\u2069")]
    [InlineData("\u001b[2J", "\\u001B[2J")]
    [InlineData("c1\u009Bx", "c1\\u009Bx")]
    [InlineData("sep\u2028", "sep\\u2028")]
    [InlineData("emoji 🚀 日本", "emoji 🚀 日本")]
    public void Safe_EscapesWhatWouldReorderOrDriveTheTerminal_AndKeepsTheRest(string text, string expected) =>
        Assert.Equal(expected, TerminalText.Safe(text));

    [Fact]
    public void Safe_EscapesALoneSurrogate_ButNotAPair()
    {
        // Not an InlineData: attribute arguments cannot carry a lone surrogate.
        Assert.Equal("lone\\uD800 \\uDC00 🚀", TerminalText.Safe("lone\uD800 \uDC00 🚀"));
    }

    [Fact]
    public void Safe_KeepsLineBreaksOnlyWhenAsked()
    {
        Assert.Equal("a\nb\tc", TerminalText.Safe("a\nb\tc", keepLineBreaks: true));
        Assert.Equal("a\\u000Ab", TerminalText.Safe("a\nb"));
    }
}
