namespace LlmIngest;

/// <summary>
/// One segment of the fleet index in the bucket: a gzip file of JSONL lines of one tenant and UTC hour, written by one
/// instance. Listed by <see cref="LlmTracePayloadReader.ListIndexSegmentsAsync"/>, read by <see cref="LlmTracePayloadReader.OpenIndexSegmentAsync"/>.
/// </summary>
public sealed class LlmTraceIndexSegment
{
    internal LlmTraceIndexSegment(string key, string tenantId, DateTimeOffset hour, string instance, long sequence, long size, string eTag, DateTimeOffset lastModified)
    {
        Key = key;
        TenantId = tenantId;
        Hour = hour;
        Instance = instance;
        Sequence = sequence;
        Size = size;
        ETag = eTag;
        LastModified = lastModified;
    }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>The tenant of every line in the segment.</summary>
    public string TenantId { get; }

    /// <summary>The UTC hour every line's timestamp falls in.</summary>
    public DateTimeOffset Hour { get; }

    /// <summary>The instance that wrote the segment.</summary>
    public string Instance { get; }

    /// <summary>The instance's segment number.</summary>
    public long Sequence { get; }

    /// <summary>The compressed size in bytes.</summary>
    public long Size { get; }

    /// <summary>The object's ETag when listed; reads are pinned to it.</summary>
    public string ETag { get; }

    /// <summary>When the object was written.</summary>
    public DateTimeOffset LastModified { get; }
}
