namespace LlmIngest.IntegrationTests.Support.Otlp;

/// <summary>A metric as sent over OTLP: only its identity (the data points are not decoded).</summary>
internal sealed record OtlpMetric(string Name, string Description, string Unit, string ScopeName);
