using System.IO.Compression;
using System.Text;
using LlmIngest.Sinks;
using LlmIngest.Tests.Support;

namespace LlmIngest.Tests.Sinks;

public sealed class LlmTraceLogReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReadEntries_OnLinesTheEncoderWrote_ParsesEveryFieldBackToTheSameBytes()
    {
        var written = Encode(Line("t1", "Grüße 😀"), Line("t2", "two"));

        using var reader = new LlmTraceLogReader(new StringReader(written));
        var entries = reader.ReadEntries().ToList();

        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.False(e.IsMalformed));
        Assert.Equal("Grüße 😀", entries[0].Line!.InputPreview);
        Assert.Equal(["a", "b"], entries[0].Line!.Tags!);
        Assert.Equal(3, entries[0].Line!.Redactions!["email"]);
        Assert.True(entries[0].Line!.PayloadStored);
        Assert.Equal(written, Encode([.. entries.Select(e => e.Line!)]));
        Assert.Equal(written, string.Concat(entries.Select(e => e.Text + "\n")));
    }

    [Fact]
    public void ReadEntries_WithMalformedAndEmptyLines_ReportsTheMalformedAndReadsOn()
    {
        var good = Encode(Line("t1", "one"));
        var text = "not json\n\n{\"trace_id\":\"only\"}\n" + good;

        using var reader = new LlmTraceLogReader(new StringReader(text));
        var entries = reader.ReadEntries().ToList();

        Assert.Equal([1L, 3L, 4L], entries.Select(e => e.LineNumber));
        Assert.Equal([true, true, false], entries.Select(e => e.IsMalformed));
        Assert.Equal("t1", entries[2].Line!.TraceId);
        Assert.Equal(2, reader.MalformedLines);
        Assert.Equal(4, reader.LineNumber);
    }

    [Fact]
    public void Open_OnARolledGzipLog_ReadsItDecompressed()
    {
        var path = _folder.Combine("traces-20261123.jsonl.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Encode(Line("t1", "one"))));
        }

        using var reader = LlmTraceLogReader.Open(path);

        Assert.Equal("t1", Assert.Single(reader.ReadEntries()).Line!.TraceId);
    }

    [Fact]
    public void TryParse_OnALineWithoutItsPayloadKey_IsFalse()
    {
        var line = Encode(Line("t1", "one")).TrimEnd('\n').Replace("\"payload_key\":\"default/t1/s1.json\",", string.Empty, StringComparison.Ordinal);

        Assert.False(LlmTraceLogReader.TryParse(line, out var parsed));
        Assert.Null(parsed);
    }

    private static string Encode(params LlmTraceLogLine[] lines)
    {
        using var encoder = new JsonlLineEncoder();
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(Encoding.UTF8.GetString(encoder.Encode(line).Span));
        }

        return text.ToString();
    }

    private static LlmTraceLogLine Line(string traceId, string preview) => new()
    {
        TraceId = traceId,
        SpanId = "s1",
        TenantId = "default",
        Timestamp = new DateTimeOffset(2026, 11, 23, 23, 58, 0, 123, TimeSpan.Zero),
        Tags = ["a", "b"],
        CostUsd = 0.00012m,
        InputPreview = preview,
        Redactions = new Dictionary<string, int> { ["email"] = 3 },
        PayloadKey = $"default/{traceId}/s1.json",
        PayloadSha256 = new string('0', 64),
        PayloadStored = true,
        Sanitized = ["latency_ms"],
    };
}
