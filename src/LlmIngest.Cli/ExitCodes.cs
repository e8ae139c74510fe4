namespace LlmIngest.Cli;

/// <summary>The exit codes of <c>llmtrace</c>, stable so scripts can rely on them (README, CLI reference).</summary>
internal static class ExitCodes
{
    /// <summary>Success; for <c>get</c> and <c>verify</c>, every payload verified.</summary>
    public const int Ok = 0;

    /// <summary>Bad flags or arguments: System.CommandLine prints the usage.</summary>
    public const int Usage = 1;

    /// <summary>Nothing found: an unknown trace id, a missing log path or configuration file.</summary>
    public const int NotFound = 2;

    /// <summary>The payload store cannot be reached or refused the request (endpoint, bucket or credentials).</summary>
    public const int StorageUnavailable = 3;

    /// <summary>A payload does not match its SHA-256 (JSONL line or object metadata), or cannot be read as a trace.</summary>
    public const int IntegrityFailure = 4;

    /// <summary>The configuration is invalid or the command does not apply to it (e.g. <c>url</c> with a local store).</summary>
    public const int InvalidConfiguration = 5;

    /// <summary><c>retention show</c>: the bucket's lifecycle rules differ from the configured retention classes.</summary>
    public const int RetentionDiffers = 6;
}
