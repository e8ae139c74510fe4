namespace LlmIngest.Storage;

/// <summary>
/// Thrown by a store when the key of a payload already holds a different payload: its (tenant, trace_id, span_id) were
/// recorded twice with different content. Nothing was overwritten; the same content again is not a conflict (a retry).
/// </summary>
internal sealed class PayloadConflictException(string key)
    : Exception($"The payload key {key} already holds a different payload.")
{
    public string Key { get; } = key;
}
