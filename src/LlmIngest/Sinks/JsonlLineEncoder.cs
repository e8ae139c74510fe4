using System.Buffers;
using System.Text.Json;

namespace LlmIngest.Sinks;

/// <summary>Encodes records as compact UTF-8 JSON lines into a reusable buffer.</summary>
internal sealed class JsonlLineEncoder : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;

    public JsonlLineEncoder() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = LlmIngestJsonContext.Relaxed.Options.Encoder, SkipValidation = true });

    public void Dispose() => _writer.Dispose();

    /// <summary>Encodes one record followed by a newline and returns the bytes, valid until the next call.</summary>
    public ReadOnlyMemory<byte> Encode(TraceLogRecord record)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, record, LlmIngestJsonContext.Relaxed.TraceLogRecord);
        _writer.Flush();
        _buffer.Write("\n"u8);
        return _buffer.WrittenMemory;
    }
}
