using System.Text.Json;
using System.Text.Json.Serialization;
using LlmIngest.Sinks;

namespace LlmIngest;

/// <summary>Source-generated JSON metadata for every type the pipeline writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcMillisecondTimestampConverter)])]
[JsonSerializable(typeof(LlmTrace))]
[JsonSerializable(typeof(LlmTraceLogLine))]
internal sealed partial class LlmIngestJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the pipeline uses: non-ASCII text is written as UTF-8, not \u-escaped,
    /// which the source generator's options cannot express.
    /// </summary>
    /// <remarks>Built lazily: static initializers of a partial class in several files run in no defined order.</remarks>
    public static LlmIngestJsonContext Relaxed => s_relaxed ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = Utf8JsonTextEncoder.Instance,
    });

    private static LlmIngestJsonContext? s_relaxed;
}
