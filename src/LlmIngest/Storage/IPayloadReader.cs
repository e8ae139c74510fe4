namespace LlmIngest.Storage;

/// <summary>Reads payloads back without writing: what the host's stores and the public reader share.</summary>
internal interface IPayloadReader
{
    /// <summary>Where payloads are read from, for messages (never includes credentials).</summary>
    string Description { get; }

    /// <summary>True when the store records each object's SHA-256 beside it (S3 metadata).</summary>
    bool RecordsSha256 { get; }

    string GetKey(string tenantId, string traceId, string spanId);

    Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken);

    /// <summary>One media object by its SHA-256, or null when it does not exist.</summary>
    Task<StoredPayload?> ReadMediaAsync(string tenantId, string sha256, CancellationToken cancellationToken);

    /// <summary>The span ids stored under a trace, from one listing, in no particular order.</summary>
    Task<IReadOnlyList<string>> ListSpanIdsAsync(string tenantId, string traceId, CancellationToken cancellationToken);
}
