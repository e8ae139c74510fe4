using LlmIngest.Diagnostics;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmIngest.Hosting;

/// <summary>
/// Replays the S3 outage spool: at start (payloads left by an earlier process, even one that was killed) and then
/// every <see cref="SpoolOptions.ReplayInterval"/> while anything waits. Applies the retention rules at start when asked.
/// Does nothing for the local-folder store.
/// </summary>
internal sealed class SpoolReplayService(IPayloadStore store, IOptions<LlmTraceIngestOptions> options, TimeProvider time, ILogger<SpoolReplayService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is not S3PayloadStore s3)
        {
            return;
        }

        await Task.Yield();
        var storage = options.Value.Storage;
        if (storage.Retention.ApplyOnStart)
        {
            await ApplyRetentionAsync(s3, storage, stoppingToken).ConfigureAwait(false);
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (s3.Spool.Count > 0 || s3.InOutage)
                {
                    try
                    {
                        await s3.ReplayAsync(stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        IngestLog.WorkerLoopFailed(logger, e);
                    }
                }

                await Task.Delay(storage.Spool.ReplayInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is left stays spooled for the next start.
        }
    }

    private async Task ApplyRetentionAsync(S3PayloadStore s3, StorageOptions storage, CancellationToken cancellationToken)
    {
        try
        {
            var count = await RetentionRules.ApplyAsync(s3.Client, s3.Bucket, storage.Retention, storage.S3.Prefix, cancellationToken).ConfigureAwait(false);
            IngestLog.RetentionApplied(logger, count, s3.Bucket);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            IngestLog.RetentionFailed(logger, e, s3.Bucket);
        }
    }
}
