namespace LlmIngest.IntegrationTests.Support.Otlp;

/// <summary>
/// One span as an OTLP/HTTP exporter sent it, decoded from the wire: ids as lowercase hex (empty when absent), kind and
/// status code as the OTLP enum numbers (kind 1 internal … 5 consumer; status 0 unset, 1 ok, 2 error), times in unix
/// nanoseconds, with the resource and instrumentation scope it was sent under.
/// </summary>
internal sealed record OtlpSpan(
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string TraceState,
    string Name,
    int Kind,
    ulong StartUnixNanos,
    ulong EndUnixNanos,
    IReadOnlyDictionary<string, object?> Attributes,
    IReadOnlyList<OtlpEvent> Events,
    IReadOnlyList<OtlpLink> Links,
    int StatusCode,
    string StatusMessage,
    uint Flags,
    string ScopeName,
    string ScopeVersion,
    IReadOnlyDictionary<string, object?> ResourceAttributes)
{
    /// <summary>An attribute's value, or null when the span does not have it.</summary>
    public object? Attribute(string key) => Attributes.TryGetValue(key, out var value) ? value : null;

    public override string ToString() => $"{Name} {TraceId}/{SpanId} (scope {ScopeName}, {Attributes.Count} attributes)";
}
