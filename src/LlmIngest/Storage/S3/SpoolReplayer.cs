using LlmIngest.Diagnostics;
using LlmIngest.Storage.Spool;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Storage.S3;

/// <summary>
/// Uploads spooled payloads oldest first as one continuous pipeline of <c>concurrency</c> uploads (the live uploads'
/// <c>MaxConcurrency</c>), until the spool is empty or S3 fails again (then the rest waits for the next pass). One pass
/// runs at a time: the periodic replay and the replay at stop wait for each other. Torn or corrupt files are
/// quarantined; a payload whose key was taken meanwhile is stored next to it under its content-named key.
/// </summary>
internal sealed class SpoolReplayer(PayloadSpool spool, S3Uploader uploader, S3Availability availability, int concurrency, StorageMetrics metrics, ILogger logger) : ISpoolReplayer, IDisposable
{
    private readonly SemaphoreSlim _pass = new(1, 1);

    public bool HasWork => spool.Count > 0 || availability.InOutage;

    public int SpooledCount => spool.Count;

    public string SpoolDirectory => spool.Directory;

    public void Dispose() => _pass.Dispose();

    public async Task ReplayAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReplayPassAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task ReplayPassAsync(CancellationToken cancellationToken)
    {
        var files = spool.Snapshot();
        if (files.Count == 0)
        {
            availability.Reset();
            return;
        }

        // A continuous pipeline, not windows: a window waited for its slowest upload before the next one started, which
        // held replay well below the rate of live uploads. After a failure no new upload starts; those in flight finish.
        var failed = 0;
        await Parallel.ForEachAsync(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (file, ct) =>
            {
                if (Volatile.Read(ref failed) != 0)
                {
                    return;
                }

                if (!await ReplayOneAsync(file, ct).ConfigureAwait(false))
                {
                    Interlocked.Exchange(ref failed, 1);
                }
                else if (Volatile.Read(ref failed) == 0)
                {
                    // S3 takes uploads again: live traffic goes direct at once instead of waiting for the pass to end.
                    availability.ExitOutage();
                }
            }).ConfigureAwait(false);
    }

    private async Task<bool> ReplayOneAsync(string file, CancellationToken cancellationToken)
    {
        var upload = await spool.ReadAsync(file, cancellationToken).ConfigureAwait(false);
        if (upload is null)
        {
            if (File.Exists(file))
            {
                spool.Quarantine(file);
                metrics.SpoolCorrupt();
                IngestLog.SpoolFileCorrupt(logger, file, spool.CorruptDirectory);
            }

            return true;
        }

        try
        {
            await uploader.UploadAsync(upload, withRetries: true, cancellationToken).ConfigureAwait(false);
        }
        catch (PayloadConflictException)
        {
            // The ids were taken by a different payload while this one waited in the spool. Its line (written when it
            // was spooled) names the original key; the payload goes next to it under its content-named key, where its
            // SHA-256 identifies it among the trace's payloads. Never overwritten, never dropped, and logged.
            if (!await ReplayDuplicateAsync(upload, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            availability.EnterOutage(e);
            return false;
        }

        spool.Complete(file);
        return true;
    }

    private async Task<bool> ReplayDuplicateAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        if (MediaKeys.IsMediaKey(upload.Key))
        {
            // Named by its SHA-256, which the object at the key has too: the same bytes, stored already.
            return true;
        }

        if (IndexKeys.IsSummaryKey(upload.Key))
        {
            // The key's summary describes the segment stored at its key; this one's segment went to a duplicate key
            // and is read in full (a segment without a summary may match anything). Nothing is lost.
            IndexShipLog.SummarySkipped(logger, upload.Key);
            return true;
        }

        var segment = string.Equals(upload.ContentType, S3PayloadEncoder.SegmentContentType, StringComparison.Ordinal);
        var duplicate = upload with
        {
            Key = segment ? IndexKeys.ForDuplicate(upload.Key, upload.Metadata["sha256"]) : PayloadKeys.ForDuplicate(upload.Key, upload.Metadata["sha256"]),
        };
        try
        {
            await uploader.UploadAsync(duplicate, withRetries: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            availability.EnterOutage(e);
            return false;
        }

        metrics.Duplicate();
        if (segment)
        {
            IndexShipLog.DuplicateSegment(logger, upload.Key, duplicate.Key);
            return true;
        }

        upload.Metadata.TryGetValue("tenant-id", out var tenant);
        upload.Metadata.TryGetValue("trace-id", out var trace);
        upload.Metadata.TryGetValue("span-id", out var span);
        IngestLog.DuplicateIds(logger, tenant ?? "?", trace ?? "?", span ?? "?", duplicate.Key);
        return true;
    }
}
