namespace LlmIngest.Telemetry;

/// <summary>The <c>gen_ai.content.storage.status</c> of a call's payload.</summary>
internal enum ContentStorageStatus
{
    /// <summary>The store accepted the payload (in the bucket or folder, or spooled for replay).</summary>
    Success = 0,

    /// <summary>Storing failed (the event carries <c>error.type</c>).</summary>
    Failure = 1,

    /// <summary>Nothing was stored on purpose: sampled out, or the trace was dropped before the worker.</summary>
    Skipped = 2,
}
