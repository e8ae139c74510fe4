namespace LlmIngest;

/// <summary>Options for the local-folder payload store.</summary>
public sealed class LocalStorageOptions
{
    /// <summary>The root folder. Default <c>llmtrace/payloads</c> under the working directory.</summary>
    public string Directory { get; set; } = Path.Combine("llmtrace", "payloads");
}
