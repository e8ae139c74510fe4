using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmIngest.Sinks;

/// <summary>
/// Encodes records as compact UTF-8 JSON lines into a reusable buffer. A line over the cap
/// (<see cref="PreviewLogOptions.MaxLineBytes"/>) has its largest free-text fields cut, named in <c>truncated</c>.
/// </summary>
internal sealed class JsonlLineEncoder : IDisposable
{
    // Cutting halves a field per round: 40 rounds take any field of a 2 GB string down to the minimum.
    private const int MaxRounds = 200;

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly int _maxLineBytes;

    public JsonlLineEncoder(int maxLineBytes = PreviewLogOptions.DefaultMaxLineBytes)
    {
        _maxLineBytes = maxLineBytes;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = LlmIngestJsonContext.Relaxed.Options.Encoder, SkipValidation = true });
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>Encodes one record followed by a newline and returns the bytes, valid until the next call.</summary>
    public ReadOnlyMemory<byte> Encode(LlmTraceLogLine record)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, record, LlmIngestJsonContext.Relaxed.LlmTraceLogLine);
        _writer.Flush();
        if (_buffer.WrittenCount + 1 > _maxLineBytes)
        {
            Truncate();
        }

        _buffer.Write("\n"u8);
        return _buffer.WrittenMemory;
    }

    private void Truncate()
    {
        if (JsonNode.Parse(_buffer.WrittenSpan) is not JsonObject line)
        {
            return;
        }

        var truncated = new List<string>();
        var exhausted = new HashSet<string>(StringComparer.Ordinal);
        var size = _buffer.WrittenCount;
        for (var round = 0; round < MaxRounds && size + 1 > _maxLineBytes; round++)
        {
            if (!JsonlLineTruncator.CutOnce(line, size + 1 - _maxLineBytes, truncated, exhausted))
            {
                break;
            }

            line["truncated"] = new JsonArray([.. truncated.Select(static name => (JsonNode?)JsonValue.Create(name))]);
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            line.WriteTo(_writer);
            _writer.Flush();
            size = _buffer.WrittenCount;
        }
    }
}
