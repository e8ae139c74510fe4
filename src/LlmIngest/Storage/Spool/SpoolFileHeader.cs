namespace LlmIngest.Storage.Spool;

/// <summary>The header line of a spool file: where the body goes and how to check it is whole.</summary>
internal sealed class SpoolFileHeader
{
    public required string Key { get; init; }

    /// <summary>Absent in spool files written before index segments were spooled: those are payloads.</summary>
    public string? ContentType { get; init; }

    public string? ContentEncoding { get; init; }

    public required Dictionary<string, string> Metadata { get; init; }

    public required Dictionary<string, string> Tags { get; init; }

    public long BodyLength { get; init; }

    public required string BodySha256 { get; init; }

    public DateTimeOffset SpooledAt { get; init; }
}
