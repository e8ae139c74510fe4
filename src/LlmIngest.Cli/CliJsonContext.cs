using System.Text.Json.Serialization;
using LlmIngest.Cli.Analysis;

namespace LlmIngest.Cli;

/// <summary>Source-generated JSON for what the CLI prints with <c>--json</c>; snake_case like the log itself.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(StatsDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
