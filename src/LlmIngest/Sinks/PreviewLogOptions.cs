namespace LlmIngest;

/// <summary>Options for the JSONL preview log: one compact line per trace.</summary>
public sealed class PreviewLogOptions
{
    /// <summary>The default <see cref="MaxLineBytes"/>: 16 KiB.</summary>
    public const int DefaultMaxLineBytes = 16 * 1024;

    /// <summary>Where lines go. Default <see cref="PreviewLogTarget.File"/>.</summary>
    public PreviewLogTarget Target { get; set; } = PreviewLogTarget.File;

    /// <summary>The folder of the log files. Default <c>llmtrace/logs</c> under the working directory.</summary>
    public string Directory { get; set; } = Path.Combine("llmtrace", "logs");

    /// <summary>The file name prefix; files are named <c>{prefix}-{yyyyMMdd}[_{n}].jsonl</c>. Default <c>traces</c>.</summary>
    public string FilePrefix { get; set; } = "traces";

    /// <summary>A file rolls to the next one past this size. Default 100 MiB.</summary>
    public long MaxFileSizeBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How many log files to keep; older ones are deleted. 0 keeps all. Default 31.</summary>
    public int RetainedFileCount { get; set; } = 31;

    /// <summary>The length of <c>input_preview</c> and <c>output_preview</c> in characters. Default 100.</summary>
    public int PreviewLength { get; set; } = 100;

    /// <summary>
    /// The largest line in bytes, newline included. A longer line (a huge error, session id or tag list) has its largest
    /// free-text fields cut and lists them in <c>truncated</c>; the payload keeps the full text. Default 16 KiB.
    /// </summary>
    public int MaxLineBytes { get; set; } = DefaultMaxLineBytes;

    /// <summary>
    /// This process's name in the fleet: names its index segments, and its log files when another process already
    /// writes to <see cref="Directory"/>. 1-128 characters of [A-Za-z0-9._-]. Default: host name, process start (UTC)
    /// and process id.
    /// </summary>
    public string? Instance { get; set; }

    /// <summary>Shipping of the index to the bucket.</summary>
    public IndexShipOptions Ship { get; set; } = new();
}
