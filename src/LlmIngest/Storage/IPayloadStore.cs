namespace LlmIngest;

/// <summary>Stores full trace payloads and reads them back by trace id. Implementations must be thread-safe.</summary>
public interface IPayloadStore
{
    /// <summary>Where payloads go, for logs and messages (never includes credentials).</summary>
    string Description { get; }

    /// <summary>The object key of a payload: a pure function of its ids, so a key can be computed before writing.</summary>
    string GetKey(string tenantId, string traceId, string spanId);

    /// <summary>
    /// Writes one payload. Writing the same content to the same key again succeeds (idempotent). The built-in stores
    /// never replace a key's content: different content under a taken key fails, and the worker stores it under a
    /// distinct key its line points to.
    /// </summary>
    Task WriteAsync(PayloadObject payload, CancellationToken cancellationToken);

    /// <summary>Reads every payload of a trace, ordered by step. Empty when the trace has none.</summary>
    Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken);

    /// <summary>Reads one payload, or null when it does not exist.</summary>
    Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken);
}
