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
/// The replayer and the bucket's rules exist only with the built-in S3 store; with the local folder or a store the app
/// supplied there is no spool, and the service says so once (debug) and stops.
/// </summary>
internal sealed partial class SpoolReplayService(
    IPayloadStore store,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<SpoolReplayService> logger,
    ISpoolReplayer? replayer = null,
    BucketRetention? retention = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (replayer is null)
        {
            NoSpool(logger, store.Description);
            return;
        }

        await Task.Yield();
        var storage = options.Value;
        if (storage.Retention.ApplyOnStart && retention is not null)
        {
            await ApplyRetentionAsync(retention, stoppingToken).ConfigureAwait(false);
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (replayer.HasWork)
                {
                    try
                    {
                        await replayer.ReplayAsync(stoppingToken).ConfigureAwait(false);
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

    [LoggerMessage(101, LogLevel.Debug, "LlmIngest payload store {Store} has no outage spool: nothing to replay.")]
    private static partial void NoSpool(ILogger logger, string store);

    private async Task ApplyRetentionAsync(BucketRetention rules, CancellationToken cancellationToken)
    {
        try
        {
            var count = await rules.ApplyAsync(cancellationToken).ConfigureAwait(false);
            IngestLog.RetentionApplied(logger, count, rules.Bucket);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            IngestLog.RetentionFailed(logger, e, rules.Bucket);
        }
    }
}
