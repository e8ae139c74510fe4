
namespace LlmIngest.Cli.Storage;

/// <summary>
/// One payload of a trace as a command sees it: the stored bytes, the trace they hold, its JSONL line if a log was
/// read, and what checking its SHA-256 found. <see cref="Problem"/> is null when the payload verified.
/// </summary>
internal sealed record FetchedPayload(string SpanId, string Key, StoredPayload? Payload, LlmTrace? Trace, LlmTraceLogLine? Line, string? Problem, string VerifiedBy)
{
    public int Step => Trace?.Step ?? Line?.Step ?? int.MaxValue;

    public bool IsVerified => Problem is null && VerifiedBy.Length > 0;
}
