using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmIngest.Processing;

namespace LlmIngest.Tests.Processing;

public sealed partial class PayloadTruncatorTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 30)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Fit_GeneratedOverCapTraces_FitTheCap_CutLongestTextsOnly_AndEachMarkerCountsTheBytesRemoved(int seed)
    {
        var random = new Random(seed);
        var original = new List<string>();
        var trace = new LlmTrace { TenantId = "t", TraceId = "t1", SpanId = "s1", Messages = [], ResponseMessages = [] };
        for (var i = random.Next(2, 12); i > 0; i--)
        {
            // Mixed lengths and scripts: ASCII, accented, CJK, emoji (surrogate pairs), and JSON-escaped characters.
            var text = Text(random, random.Next(0, 4) == 0 ? random.Next(20_000, 400_000) : random.Next(10, 2_000));
            original.Add(text);
            trace.Messages.Add(new LlmMessage("user", text));
        }

        var content = JsonSerializer.SerializeToUtf8Bytes(trace, LlmIngestJsonContext.Relaxed.LlmTrace);
        var max = Math.Max(16 * 1024, content.Length / random.Next(2, 8));
        var truncated = false;

        var fitted = PayloadSizeCap.Fit(trace, content, max, ref truncated);

        Assert.Equal(content.Length > max, truncated);
        Assert.True(fitted.Length <= max, $"{fitted.Length} > {max}");
        var kept = JsonSerializer.Deserialize(fitted, LlmIngestJsonContext.Relaxed.LlmTrace)!.Messages!.Select(m => m.Content!).ToList();
        var longestUncut = 0;
        var shortestCut = int.MaxValue;
        for (var i = 0; i < original.Count; i++)
        {
            var match = MarkerPattern().Match(kept[i]);
            if (!match.Success)
            {
                Assert.Equal(original[i], kept[i]);
                longestUncut = Math.Max(longestUncut, original[i].Length);
                continue;
            }

            var prefix = kept[i][..match.Index];
            Assert.StartsWith(prefix, original[i], StringComparison.Ordinal);
            var removed = Encoding.UTF8.GetByteCount(original[i].AsSpan(prefix.Length));
            Assert.Equal(removed.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), match.Groups[1].Value);
            shortestCut = Math.Min(shortestCut, original[i].Length);
        }

        Assert.True(longestUncut <= shortestCut, "a shorter text was cut while a longer one was kept whole");
    }

    [Fact]
    public void Fit_UnderTheCap_ChangesNothing()
    {
        var trace = new LlmTrace { Messages = [new LlmMessage("user", new string('a', 1000))] };
        var content = JsonSerializer.SerializeToUtf8Bytes(trace, LlmIngestJsonContext.Relaxed.LlmTrace);
        var truncated = false;

        Assert.Same(content, PayloadSizeCap.Fit(trace, content, 16 * 1024, ref truncated));
        Assert.False(truncated);
    }

    [Fact]
    public void Cut_CopiesTheAppsMessagesBeforeCutting()
    {
        var message = new LlmMessage("user", new string('a', 100_000));
        var trace = new LlmTrace { Messages = [message] };

        Assert.True(PayloadTruncator.Cut(trace, 50_000));

        Assert.Equal(100_000, message.Content!.Length);
        Assert.EndsWith("bytes]", trace.Messages![0].Content, StringComparison.Ordinal);
    }

    private static string Text(Random random, int length)
    {
        string[] pieces = ["word ", "é", "日本", "😀", "\"q\"", "\n", "<tag>", "\\"];
        var text = new StringBuilder(length + 8);
        while (text.Length < length)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
        }

        return text.ToString();
    }

    [GeneratedRegex(@"…\[truncated ([0-9,]+) bytes\]$")]
    private static partial Regex MarkerPattern();
}
