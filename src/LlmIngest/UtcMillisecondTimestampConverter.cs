using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmIngest;

/// <summary>Writes timestamps as UTC ISO-8601 with milliseconds (<c>2025-05-24T10:23:45.123Z</c>).</summary>
internal sealed class UtcMillisecondTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[24];
        value.UtcDateTime.TryFormat(buffer, out var written, Format, CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }
}
