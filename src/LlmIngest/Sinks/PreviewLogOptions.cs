namespace LlmIngest.Sinks;

/// <summary>Options for the JSONL preview log: one compact line per trace.</summary>
public sealed class PreviewLogOptions
{
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
}
