using LlmIngest.Storage.Spool;

namespace LlmIngest.Storage;

/// <summary>
/// Whether the built-in S3 store reaches S3, and the spool that holds payloads while it does not. Registered only with
/// the built-in S3 store; a store the app supplies has no outage state of its own to report.
/// </summary>
internal interface IStorageAvailability
{
    /// <summary>Where payloads go, for messages.</summary>
    string Description { get; }

    /// <summary>True while S3 is considered down: new payloads go straight to the spool.</summary>
    bool InOutage { get; }

    /// <summary>The outage spool.</summary>
    PayloadSpool Spool { get; }
}
