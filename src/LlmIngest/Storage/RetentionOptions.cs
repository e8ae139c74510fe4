namespace LlmIngest;

/// <summary>
/// Retention classes: each payload object is tagged with its class, and bucket lifecycle rules expire objects by tag.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The object tag that carries the class. Default <c>llmingest-retention</c>.</summary>
    public string TagKey { get; set; } = "llmingest-retention";

    /// <summary>Days to keep each class. Default <c>default</c> 30, <c>errors</c> 90, <c>index</c> (shipped index segments) 90, <c>media</c> (media objects) 30.</summary>
    public Dictionary<string, int> Classes { get; set; } = new(StringComparer.Ordinal) { ["default"] = 30, ["errors"] = 90, ["index"] = 90, ["media"] = 30 };

    /// <summary>The class of a successful call. Default <c>default</c>.</summary>
    public string DefaultClass { get; set; } = "default";

    /// <summary>The class of a failed call. Default <c>errors</c>.</summary>
    public string ErrorClass { get; set; } = "errors";

    /// <summary>Incomplete multipart uploads are aborted after this many days. Default 7.</summary>
    public int AbortIncompleteMultipartUploadDays { get; set; } = 7;

    /// <summary>Apply the lifecycle rules to the bucket at start. Default false (many teams manage buckets as code: see <c>infra/</c>).</summary>
    public bool ApplyOnStart { get; set; }
}
