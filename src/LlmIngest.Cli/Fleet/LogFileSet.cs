namespace LlmIngest.Cli.Fleet;

/// <summary>The files a command scans, and for the fleet index a note of what was listed, skipped and downloaded.</summary>
internal sealed record LogFileSet(List<FileInfo> Files, string? FleetNote);
