namespace LlmIngest.Tests.Telemetry;

/// <summary>A redactor that fails on every text: the worker's processing of a call throws.</summary>
internal sealed class ThrowingRedactor : IRedactor
{
    public string Redact(string text, RedactionCounts counts) => throw new InvalidOperationException("redactor broken");
}
