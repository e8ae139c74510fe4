using LlmIngest.Diagnostics;

namespace LlmIngest.Storage.S3;

/// <summary>
/// Uploads one prepared object, with retries and backoff or in a single attempt, and counts the outcome: uploads, bytes
/// and duration on success, the failure reason otherwise. A taken key with other content is not a failure of S3 and
/// passes through as <see cref="PayloadConflictException"/>.
/// </summary>
internal sealed class S3Uploader(S3ObjectWriter writer, UploadRetryPolicy retry, S3Availability availability, StorageMetrics metrics, TimeProvider time)
{
    public async Task UploadAsync(PendingUpload upload, bool withRetries, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            if (withRetries)
            {
                await retry.ExecuteAsync(ct => writer.PutAsync(upload, ct), metrics.Retried, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await writer.PutAsync(upload, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not PayloadConflictException && !cancellationToken.IsCancellationRequested)
        {
            metrics.Failed(S3ErrorClassifier.Classify(e).Reason);
            throw;
        }

        metrics.Uploaded(upload.Body.Length, time.GetElapsedTime(started).TotalMilliseconds);
        availability.Uploaded();
    }
}
