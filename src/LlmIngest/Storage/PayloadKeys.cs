using LlmIngest.Capture;

namespace LlmIngest.Storage;

/// <summary>
/// The payload key layout: <c>[{prefix}/]{tenant}/{trace_id}/{span_id}.json</c>, so one prefix listing
/// returns every call of a trace. Ids are validated so no key can leave its prefix.
/// </summary>
internal static class PayloadKeys
{
    public const string Extension = ".json";

    public static string ForPayload(string prefix, string tenantId, string traceId, string spanId)
    {
        Validate(tenantId, traceId);
        if (!TraceIdentifiers.IsValid(spanId))
        {
            throw new ArgumentException($"'{spanId}' is not a valid span id: 1-128 characters of [A-Za-z0-9._-] starting with a letter or digit.", nameof(spanId));
        }

        return string.Concat(ForTrace(prefix, tenantId, traceId), spanId, Extension);
    }

    /// <summary>
    /// Where a payload goes when its own key already holds a different payload (its ids were recorded twice): next to
    /// it, named after its content (<c>{span_id}.dup-{first 16 hex of its SHA-256}.json</c>), so the same content always
    /// lands on the same key and a retry stays idempotent, and "every payload of the trace" still lists it.
    /// </summary>
    public static string ForDuplicate(string key, string sha256)
    {
        var stem = key.EndsWith(Extension, StringComparison.Ordinal) ? key[..^Extension.Length] : key;
        return string.Concat(stem, ".dup-", sha256.AsSpan(0, Math.Min(16, sha256.Length)), Extension);
    }

    /// <summary>The prefix under which every payload of a trace lives, ending with '/'.</summary>
    public static string ForTrace(string prefix, string tenantId, string traceId)
    {
        Validate(tenantId, traceId);
        var normalized = prefix.Trim('/');
        return normalized.Length == 0 ? $"{tenantId}/{traceId}/" : $"{normalized}/{tenantId}/{traceId}/";
    }

    private static void Validate(string tenantId, string traceId)
    {
        if (!TraceIdentifiers.IsValid(tenantId, 64))
        {
            throw new ArgumentException($"'{tenantId}' is not a valid tenant id: 1-64 characters of [A-Za-z0-9._-] starting with a letter or digit.", nameof(tenantId));
        }

        if (!TraceIdentifiers.IsValid(traceId))
        {
            throw new ArgumentException($"'{traceId}' is not a valid trace id: 1-128 characters of [A-Za-z0-9._-] starting with a letter or digit.", nameof(traceId));
        }
    }
}
