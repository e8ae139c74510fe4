namespace LlmIngest.Storage;

/// <summary>
/// Where sealed index segments go: the built-in S3 store, through the same direct PUT, retries, spool and replay as
/// payloads. The local folder store and an app's own store do not implement it, so the index is not shipped there.
/// </summary>
internal interface IIndexSegmentStore
{
    /// <summary>The bucket and prefix, for the library's own log.</summary>
    string Description { get; }

    /// <summary>The key prefix segments go under (see <see cref="IndexKeys"/>).</summary>
    string Prefix { get; }

    /// <summary>
    /// Stores one segment create-only: returns when it is in the bucket or in the spool. A key that holds the same
    /// lines already is success; a key that holds other lines throws <see cref="PayloadConflictException"/>; a full
    /// spool during an outage throws <see cref="PayloadNotStoredException"/>.
    /// </summary>
    Task WriteSegmentAsync(IndexSegment segment, CancellationToken cancellationToken);
}
