namespace LlmIngest.IntegrationTests.Support.Otlp;

/// <summary>A span link as sent over OTLP: the linked span's ids (lowercase hex) and the link's attributes.</summary>
internal sealed record OtlpLink(string TraceId, string SpanId, IReadOnlyDictionary<string, object?> Attributes);
