using System.Text.Json;

namespace LlmIngest.Tests.Support;

/// <summary>Reads the JSONL preview lines a test host wrote.</summary>
internal static class RecordedLines
{
    public static List<JsonElement> Read(string directory) =>
        Directory.GetFiles(directory, "*.jsonl")
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();
}
