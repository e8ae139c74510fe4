namespace LlmIngest;

/// <summary>The local spool that holds payloads while S3 is unreachable, replayed in order when it answers again.</summary>
public sealed class SpoolOptions
{
    /// <summary>The spool folder. Default <c>llmtrace/spool</c> under the working directory.</summary>
    public string Directory { get; set; } = Path.Combine("llmtrace", "spool");

    /// <summary>The most bytes the spool may hold. Default 1 GiB.</summary>
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>What happens to a payload when the spool is full. Default <see cref="SpoolFullMode.DropNewest"/>.</summary>
    public SpoolFullMode FullMode { get; set; } = SpoolFullMode.DropNewest;

    /// <summary>How often the spool is retried while S3 is down. Default 5 s.</summary>
    public TimeSpan ReplayInterval { get; set; } = TimeSpan.FromSeconds(5);
}
