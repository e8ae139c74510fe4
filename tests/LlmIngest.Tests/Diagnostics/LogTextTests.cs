using LlmIngest.Diagnostics;
using LlmIngest.Redaction;

namespace LlmIngest.Tests.Diagnostics;

public sealed class LogTextTests
{
    [Fact]
    public void Safe_RedactsCutsAndEscapes_CallerTextForALogMessage()
    {
        var text = "jane@example.com \u202Eevil\u0000\uD800 " + new string('x', 10_000_000);

        var safe = LogText.Safe(text, new PatternRedactor());

        Assert.StartsWith("[EMAIL] \\u202Eevil\\u0000\\uD800 xxx", safe, StringComparison.Ordinal);
        Assert.EndsWith("…", safe, StringComparison.Ordinal);
        Assert.True(safe.Length < 100, safe);
    }

    [Fact]
    public void Safe_KeepsPrintableTextAndEmojiAsTheyAre()
    {
        Assert.Equal("gpt-4o 日本 🚀", LogText.Safe("gpt-4o 日本 🚀", new PatternRedactor()));
        Assert.Equal("(null)", LogText.Safe(null, null));
    }
}
