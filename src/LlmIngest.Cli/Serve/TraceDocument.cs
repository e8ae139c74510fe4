using System.Text.Json;
using LlmIngest.Cli.Storage;

namespace LlmIngest.Cli.Serve;

/// <summary>
/// The trace page's data: every step of a trace with its index line, its payload as stored (verified exactly as
/// <c>llmtrace get</c> verifies it: SHA-256 against the index line and, in S3, the object's metadata) and what the check
/// found. A payload that fails verification is not sent, only the failure, as <c>get</c> does not print it.
/// </summary>
internal static class TraceDocument
{
    public static async Task WriteAsync(
        CallTable table, PayloadStoreConnection store, string? confinedTenant, string fallbackTenant, string traceId, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var lines = await table.TraceAsync(traceId, cancellationToken).ConfigureAwait(false);
        var tenant = confinedTenant ?? (lines.Count > 0 ? lines[0].Line.TenantId : null) ?? fallbackTenant;
        var bySpan = TraceLinesOf(lines, tenant);
        var payloads = await TraceFetcher.FetchAsync(store, tenant, traceId, null, bySpan.ToDictionary(p => p.Key, p => p.Value.Line, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);

        json.WriteStartObject();
        json.WriteString("trace_id", traceId);
        json.WriteString("tenant_id", tenant);
        json.WriteString("store", store.Location);
        json.WriteString("get_command", $"llmtrace get {traceId} --tenant {tenant}");
        json.WriteStartArray("steps");
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in payloads)
        {
            shown.Add(item.SpanId);
            json.WriteStartObject();
            json.WriteString("span_id", item.SpanId);
            json.WriteNumber("step", item.Step == int.MaxValue ? -1 : item.Step);
            json.WriteString("key", item.Key);
            WriteIntegrity(item, json);
            WriteLine(bySpan, item.SpanId, json);
            if (item.Problem is null && item.Payload is { } payload)
            {
                json.WritePropertyName("payload");
                json.WriteRawValue(payload.Content.Span, skipInputValidation: false);
            }

            json.WriteEndObject();
        }

        // Lines without a payload (sampled out, or stored elsewhere): shown from the index alone.
        foreach (var (span, entry) in bySpan)
        {
            if (shown.Add(span))
            {
                json.WriteStartObject();
                json.WriteString("span_id", span);
                json.WriteNumber("step", entry.Line.Step);
                json.WriteString("key", entry.Line.PayloadKey);
                json.WriteStartObject("integrity");
                json.WriteString("status", "no_payload");
                json.WriteString("detail", entry.Line.PayloadStored ? "the index line says the payload was stored, but it is not in the store" : "the index line says no payload was stored (sampled out or payloads off)");
                json.WriteEndObject();
                WriteLine(bySpan, span, json);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static Dictionary<string, (LlmTraceLogLine Line, string Json)> TraceLinesOf(List<(LlmTraceLogLine Line, string Json)> lines, string tenant)
    {
        var bySpan = new Dictionary<string, (LlmTraceLogLine, string)>(StringComparer.Ordinal);
        foreach (var entry in lines)
        {
            if (string.Equals(entry.Line.TenantId, tenant, StringComparison.Ordinal))
            {
                bySpan[entry.Line.SpanId] = entry;
            }
        }

        return bySpan;
    }

    private static void WriteIntegrity(FetchedPayload item, Utf8JsonWriter json)
    {
        json.WriteStartObject("integrity");
        json.WriteString("status", item.Problem is not null ? "failed" : item.IsVerified ? "verified" : "unverified");
        json.WriteString("detail", item.Problem is { } problem
            ? $"payload {item.Key} {problem}: not shown"
            : item.IsVerified
                ? $"sha256 {item.Payload!.Sha256} matches the {item.VerifiedBy}"
                : $"sha256 {item.Payload!.Sha256}: nothing to check it against (the local folder keeps no hash and no index line names it)");
        if (item.Payload is { } payload)
        {
            json.WriteString("sha256", payload.Sha256);
            json.WriteString("metadata_sha256", payload.ExpectedSha256);
        }

        json.WriteString("line_sha256", item.Line?.PayloadSha256);
        json.WriteEndObject();
    }

    private static void WriteLine(Dictionary<string, (LlmTraceLogLine Line, string Json)> bySpan, string span, Utf8JsonWriter json)
    {
        if (bySpan.TryGetValue(span, out var entry))
        {
            json.WritePropertyName("line");
            json.WriteRawValue(entry.Json, skipInputValidation: true);
        }
    }
}
