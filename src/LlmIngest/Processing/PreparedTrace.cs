using LlmIngest.Sinks;

namespace LlmIngest.Processing;

/// <summary>A trace ready to write: its payload object (none for an operation's own line), its preview line and the media to store before the payload.</summary>
internal sealed record PreparedTrace(PayloadObject? Payload, LlmTraceLogLine Record, MediaOffload? Media = null)
{
    /// <summary>The type of the exception that failed the payload's upload, for the span's storage event.</summary>
    public string? StoreError { get; set; }
}
