namespace LlmIngest.Telemetry;

/// <summary>What became of a call's payload: the status, its URI when stored, the error type when storing failed.</summary>
internal readonly record struct ContentStorage(ContentStorageStatus Status, string? Uri = null, string? ErrorType = null)
{
    public static ContentStorage Skipped => new(ContentStorageStatus.Skipped);

    public string StatusText => Status switch
    {
        ContentStorageStatus.Success => "success",
        ContentStorageStatus.Failure => "failure",
        _ => "skipped",
    };
}
