using LlmIngest.Storage.S3;

namespace LlmIngest.Storage;

/// <summary>
/// A store as <see cref="PayloadStoreFactory"/> built it for the host, with the services only the S3 store has (null
/// for the local folder): its availability, its spool replayer and its bucket's retention rules.
/// </summary>
internal sealed record BuiltPayloadStore(IPayloadStore Store, IStorageAvailability? Availability, ISpoolReplayer? Replayer, BucketRetention? Retention);
