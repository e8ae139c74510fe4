namespace LlmIngest.IntegrationTests.Support.Otlp;

/// <summary>A span event as sent over OTLP.</summary>
internal sealed record OtlpEvent(string Name, ulong TimeUnixNanos, IReadOnlyDictionary<string, object?> Attributes);
