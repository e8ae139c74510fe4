namespace LlmIngest.Storage;

/// <summary>Uploads what the outage spool holds. Registered only with the built-in S3 store.</summary>
internal interface ISpoolReplayer
{
    /// <summary>True while payloads wait in the spool or S3 is considered down.</summary>
    bool HasWork { get; }

    /// <summary>How many payloads wait in the spool now.</summary>
    int SpooledCount { get; }

    /// <summary>The spool folder, for messages.</summary>
    string SpoolDirectory { get; }

    /// <summary>
    /// One pass: uploads spooled payloads oldest first until the spool is empty or S3 fails again (then the rest waits
    /// for the next pass). Passes never overlap; a second caller waits for the running pass to end.
    /// </summary>
    Task ReplayAsync(CancellationToken cancellationToken);
}
