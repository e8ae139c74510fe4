namespace LlmIngest;

/// <summary>
/// Shipping of the JSONL index to the bucket: the local log's lines, sealed into gzip segments under
/// <c>{prefix}/_index/tenant={t}/dt={yyyy-MM-dd}/hour={HH}/</c>, so the fleet's index outlives every instance's disk.
/// Applies when the log goes to files and payloads go to S3.
/// </summary>
public sealed class IndexShipOptions
{
    /// <summary>Ship the index to the bucket. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the lines written since the last segment are sealed and shipped (also on roll and at stop). Default 1 minute.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The retention class of index segments (a key of <c>Storage:Retention:Classes</c>). Default <c>index</c>.</summary>
    public string RetentionClass { get; set; } = "index";
}
