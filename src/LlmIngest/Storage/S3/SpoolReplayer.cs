using LlmIngest.Diagnostics;
using LlmIngest.Storage.Spool;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Storage.S3;

/// <summary>
/// Uploads spooled payloads oldest first, in windows of <c>MaxConcurrency</c> uploads at a time, until the spool is
/// empty or S3 fails again (then the rest waits for the next round). Torn or corrupt files are quarantined; a payload
/// whose key was taken meanwhile is stored next to it under its content-named key.
/// </summary>
internal sealed class SpoolReplayer(PayloadSpool spool, S3Uploader uploader, S3Availability availability, int window, StorageMetrics metrics, ILogger logger) : ISpoolReplayer
{
    public bool HasWork => spool.Count > 0 || availability.InOutage;

    public async Task ReplayAsync(CancellationToken cancellationToken)
    {
        var files = spool.Snapshot();
        if (files.Count == 0)
        {
            availability.Reset();
            return;
        }

        var failed = 0;
        for (var start = 0; start < files.Count && Volatile.Read(ref failed) == 0; start += window)
        {
            await Parallel.ForEachAsync(
                files.Skip(start).Take(window),
                new ParallelOptions { MaxDegreeOfParallelism = window, CancellationToken = cancellationToken },
                async (file, ct) =>
                {
                    if (!await ReplayOneAsync(file, ct).ConfigureAwait(false))
                    {
                        Interlocked.Exchange(ref failed, 1);
                    }
                }).ConfigureAwait(false);

            if (Volatile.Read(ref failed) == 0)
            {
                availability.ExitOutage();
            }
        }
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
        var segment = string.Equals(upload.ContentType, S3PayloadEncoder.SegmentContentType, StringComparison.Ordinal);
        var duplicate = new PendingUpload
        {
            Key = segment ? IndexKeys.ForDuplicate(upload.Key, upload.Metadata["sha256"]) : PayloadKeys.ForDuplicate(upload.Key, upload.Metadata["sha256"]),
            Body = upload.Body,
            ContentType = upload.ContentType,
            ContentEncoding = upload.ContentEncoding,
            Metadata = upload.Metadata,
            Tags = upload.Tags,
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
