namespace LlmIngest;

/// <summary>Where the JSONL preview log goes.</summary>
public enum PreviewLogTarget
{
    /// <summary>Rolling local files (by date and size).</summary>
    File,

    /// <summary>Standard output, one line per trace.</summary>
    Stdout,

    /// <summary>No preview log; payloads are still stored.</summary>
    None,
}
