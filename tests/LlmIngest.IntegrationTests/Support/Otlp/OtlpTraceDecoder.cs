namespace LlmIngest.IntegrationTests.Support.Otlp;

/// <summary>
/// An <c>ExportTraceServiceRequest</c> (opentelemetry/proto/collector/trace/v1) walked field by field into
/// <see cref="OtlpSpan"/>s — no generated classes: resource_spans 1 → (resource 1, scope_spans 2 → (scope 1, spans 2)).
/// </summary>
internal static class OtlpTraceDecoder
{
    public static List<OtlpSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<OtlpSpan>();
        ProtobufFields.Walk(request, (input, field, type) =>
        {
            if (field != 1)
            {
                return false;
            }

            ResourceSpans(ProtobufFields.Message(input, type, "ExportTraceServiceRequest.resource_spans"), spans);
            return true;
        });

        return spans;
    }

    private static void ResourceSpans(ReadOnlySpan<byte> bytes, List<OtlpSpan> into)
    {
        IReadOnlyDictionary<string, object?> resource = new Dictionary<string, object?>(StringComparer.Ordinal);
        var scopes = new List<byte[]>();
        ProtobufFields.Walk(bytes, (input, field, type) =>
        {
            switch (field)
            {
                case 1: resource = OtlpValueDecoder.Attributes(ProtobufFields.Message(input, type, "ResourceSpans.resource"), 1); return true;
                case 2: scopes.Add(ProtobufFields.Message(input, type, "ResourceSpans.scope_spans").ToArray()); return true;
                default: return false;
            }
        });

        // The resource may come after its scopes on the wire: decode the scopes once it is known.
        foreach (var scope in scopes)
        {
            ScopeSpans(scope, resource, into);
        }
    }

    private static void ScopeSpans(ReadOnlySpan<byte> bytes, IReadOnlyDictionary<string, object?> resource, List<OtlpSpan> into)
    {
        var (name, version) = (string.Empty, string.Empty);
        var spans = new List<byte[]>();
        ProtobufFields.Walk(bytes, (input, field, type) =>
        {
            switch (field)
            {
                case 1: (name, version) = OtlpValueDecoder.Scope(ProtobufFields.Message(input, type, "ScopeSpans.scope")); return true;
                case 2: spans.Add(ProtobufFields.Message(input, type, "ScopeSpans.spans").ToArray()); return true;
                default: return false;
            }
        });

        foreach (var span in spans)
        {
            into.Add(Span(span, name, version, resource));
        }
    }

    /// <summary>
    /// A <c>Span</c>: trace_id 1, span_id 2, trace_state 3, parent_span_id 4, name 5, kind 6, start 7, end 8,
    /// attributes 9, events 11, links 13, status 15 (message 2, code 3), flags 16.
    /// </summary>
    private static OtlpSpan Span(ReadOnlySpan<byte> bytes, string scopeName, string scopeVersion, IReadOnlyDictionary<string, object?> resource)
    {
        string traceId = string.Empty, spanId = string.Empty, parentSpanId = string.Empty, traceState = string.Empty, name = string.Empty, statusMessage = string.Empty;
        int kind = 0, statusCode = 0;
        ulong start = 0, end = 0;
        uint flags = 0;
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var events = new List<OtlpEvent>();
        var links = new List<OtlpLink>();
        ProtobufFields.Walk(bytes, (input, field, type) =>
        {
            switch (field)
            {
                case 1: traceId = ProtobufFields.Hex(input, type, "Span.trace_id"); return true;
                case 2: spanId = ProtobufFields.Hex(input, type, "Span.span_id"); return true;
                case 3: traceState = ProtobufFields.String(input, type, "Span.trace_state"); return true;
                case 4: parentSpanId = ProtobufFields.Hex(input, type, "Span.parent_span_id"); return true;
                case 5: name = ProtobufFields.String(input, type, "Span.name"); return true;
                case 6: kind = ProtobufFields.Enum(input, type, "Span.kind"); return true;
                case 7: start = ProtobufFields.Fixed64(input, type, "Span.start_time_unix_nano"); return true;
                case 8: end = ProtobufFields.Fixed64(input, type, "Span.end_time_unix_nano"); return true;
                case 9: OtlpValueDecoder.AddKeyValue(ProtobufFields.Message(input, type, "Span.attributes"), attributes); return true;
                case 11: events.Add(Event(ProtobufFields.Message(input, type, "Span.events"))); return true;
                case 13: links.Add(Link(ProtobufFields.Message(input, type, "Span.links"))); return true;
                case 15: (statusMessage, statusCode) = Status(ProtobufFields.Message(input, type, "Span.status")); return true;
                case 16: flags = ProtobufFields.Fixed32(input, type, "Span.flags"); return true;
                default: return false;
            }
        });

        return new OtlpSpan(traceId, spanId, parentSpanId, traceState, name, kind, start, end, attributes, events, links, statusCode, statusMessage, flags, scopeName, scopeVersion, resource);
    }

    /// <summary>An <c>Event</c>: time 1, name 2, attributes 3.</summary>
    private static OtlpEvent Event(ReadOnlySpan<byte> bytes)
    {
        var (name, time) = (string.Empty, 0UL);
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        ProtobufFields.Walk(bytes, (input, field, type) =>
        {
            switch (field)
            {
                case 1: time = ProtobufFields.Fixed64(input, type, "Event.time_unix_nano"); return true;
                case 2: name = ProtobufFields.String(input, type, "Event.name"); return true;
                case 3: OtlpValueDecoder.AddKeyValue(ProtobufFields.Message(input, type, "Event.attributes"), attributes); return true;
                default: return false;
            }
        });

        return new OtlpEvent(name, time, attributes);
    }

    /// <summary>A <c>Link</c>: trace_id 1, span_id 2, attributes 4.</summary>
    private static OtlpLink Link(ReadOnlySpan<byte> bytes)
    {
        var (traceId, spanId) = (string.Empty, string.Empty);
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        ProtobufFields.Walk(bytes, (input, field, type) =>
        {
            switch (field)
            {
                case 1: traceId = ProtobufFields.Hex(input, type, "Link.trace_id"); return true;
                case 2: spanId = ProtobufFields.Hex(input, type, "Link.span_id"); return true;
                case 4: OtlpValueDecoder.AddKeyValue(ProtobufFields.Message(input, type, "Link.attributes"), attributes); return true;
                default: return false;
            }
        });

        return new OtlpLink(traceId, spanId, attributes);
    }

    /// <summary>A <c>Status</c>: message 2, code 3 (field 1 is reserved).</summary>
    private static (string Message, int Code) Status(ReadOnlySpan<byte> bytes)
    {
        var (message, code) = (string.Empty, 0);
        ProtobufFields.Walk(bytes, (input, field, type) =>
        {
            switch (field)
            {
                case 2: message = ProtobufFields.String(input, type, "Status.message"); return true;
                case 3: code = ProtobufFields.Enum(input, type, "Status.code"); return true;
                default: return false;
            }
        });

        return (message, code);
    }
}
