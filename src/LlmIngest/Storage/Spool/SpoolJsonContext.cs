using System.Text.Json.Serialization;

namespace LlmIngest.Storage.Spool;

/// <summary>Source-generated JSON metadata for spool file headers.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(UtcMillisecondTimestampConverter)])]
[JsonSerializable(typeof(SpoolFileHeader))]
internal sealed partial class SpoolJsonContext : JsonSerializerContext
{
}
