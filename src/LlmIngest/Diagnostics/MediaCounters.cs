namespace LlmIngest.Diagnostics;

/// <summary>Media objects offloaded by the worker: written, already stored (no request), failed, and bytes written.</summary>
internal sealed class MediaCounters
{
    private long _stored;
    private long _deduplicated;
    private long _failed;
    private long _bytes;

    public long Stored => Volatile.Read(ref _stored);

    public long Deduplicated => Volatile.Read(ref _deduplicated);

    public long Failed => Volatile.Read(ref _failed);

    public long Bytes => Volatile.Read(ref _bytes);

    public void Written(long bytes)
    {
        Interlocked.Increment(ref _stored);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void AlreadyStored() => Interlocked.Increment(ref _deduplicated);

    public void WriteFailed() => Interlocked.Increment(ref _failed);
}
