namespace LlmIngest.Storage;

/// <summary>The bytes of one media reference, ready to store under <see cref="MediaKeys.ForMedia"/>.</summary>
internal sealed record MediaObject
{
    public required string TenantId { get; init; }

    public required string Sha256 { get; init; }

    public required string MediaType { get; init; }

    public required ReadOnlyMemory<byte> Content { get; init; }

    public string? RetentionClass { get; init; }
}
