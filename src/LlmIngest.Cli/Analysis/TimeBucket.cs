namespace LlmIngest.Cli.Analysis;

/// <summary>Calls, cost and errors of one hour (or day) of the logs.</summary>
internal sealed class TimeBucket(DateTime start)
{
    public DateTime Start { get; } = start;

    public long Calls { get; set; }

    public long Errors { get; set; }

    public decimal CostUsd { get; set; }
}
