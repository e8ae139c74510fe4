namespace LlmIngest.Processing;

/// <summary>The settings <see cref="TracePreparer"/> reads from the redaction, preview log and storage options.</summary>
internal sealed record PreparedTraceSettings(bool RedactPayloads, int PreviewLength, RetentionOptions Retention, int MaxPayloadBytes = 1024 * 1024);
