namespace LlmIngest.Storage.S3;

/// <summary>
/// Retries transient failures with exponential backoff and full jitter (delay = random(0, min(max, base·2^attempt))),
/// on the injected <see cref="TimeProvider"/> so tests need no sleeps. Permanent failures are not retried.
/// </summary>
internal sealed class UploadRetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider time)
{
    public async Task ExecuteAsync(Func<CancellationToken, Task> attempt, Action<string> onRetry, CancellationToken cancellationToken)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                await attempt(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (i < maxAttempts && !cancellationToken.IsCancellationRequested && S3ErrorClassifier.Classify(e) is (UploadFailureKind.Transient, var reason))
            {
                onRetry(reason);
                await Task.Delay(DelayBefore(i), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public TimeSpan DelayBefore(int retry)
    {
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, retry - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
