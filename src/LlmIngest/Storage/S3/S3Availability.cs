using Amazon.S3;
using LlmIngest.Diagnostics;
using LlmIngest.Storage.Spool;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Storage.S3;

/// <summary>
/// Decides when S3 counts as down and when it is back: enters an outage after uploads in a row run out of attempts (or
/// at once for a permanent refusal), lets one probe at a time try S3 directly during a transient outage, and leaves it
/// when a probe or a replay gets through. Logs each outage, recovery and permanent failure once.
/// </summary>
internal sealed class S3Availability(string description, PayloadSpool spool, TimeSpan probeInterval, TimeProvider time, ILogger logger) : IStorageAvailability
{
    // Uploads in a row that must fail every attempt before S3 counts as down. One is not enough: under throttling of a
    // fraction of requests, a single upload running out of retries sent all traffic through the spool until the next
    // replay.
    private const int OutageAfterConsecutiveFailures = 2;

    // Throttling (503 SlowDown, 429) says S3 answers: it takes one more upload in a row to count as down. Two uploads in
    // a row running out of attempts under partial throttling happened in a clean CI run and sent a large share of the
    // traffic through the spool before a probe got through; three in a row is far rarer, and throttling of every
    // request still counts as an outage after three uploads.
    private const int OutageAfterConsecutiveThrottledFailures = 3;

    private int _outage;
    private int _permanentReported;
    private int _consecutiveFailures;
    private int _outagePermanent;
    private int _probing;
    private long _lastProbe;

    public string Description => description;

    public bool InOutage => Volatile.Read(ref _outage) == 1;

    public PayloadSpool Spool => spool;

    /// <summary>
    /// While S3 is down for a transient reason, lets one upload at a time (at most one per <c>RetryBaseDelay</c>) try it
    /// directly: when S3 answers again, traffic goes direct at once instead of through the spool until the next replay.
    /// Not for errors retrying cannot fix (access denied, no bucket): the replay finds out when those are fixed.
    /// A true result must be followed by <see cref="EndProbe"/>.
    /// </summary>
    public bool TryStartProbe()
    {
        if (Volatile.Read(ref _outagePermanent) == 1)
        {
            return false;
        }

        var now = time.GetTimestamp();
        if (time.GetElapsedTime(Interlocked.Read(ref _lastProbe), now) < probeInterval || Interlocked.CompareExchange(ref _probing, 1, 0) != 0)
        {
            return false;
        }

        Interlocked.Exchange(ref _lastProbe, now);
        return true;
    }

    public void EndProbe() => Volatile.Write(ref _probing, 0);

    /// <summary>Any upload got through: a later permanent failure is reported again.</summary>
    public void Uploaded() => Volatile.Write(ref _permanentReported, 0);

    /// <summary>A write went to S3 directly; a probe that got through ends the outage.</summary>
    public void WriteSucceeded(bool probe)
    {
        Volatile.Write(ref _consecutiveFailures, 0);
        if (probe)
        {
            ExitOutage();
        }
    }

    /// <summary>A direct write failed: enough failures in a row, a failed probe or a permanent refusal start an outage.</summary>
    public void WriteFailed(Exception exception, bool probe)
    {
        var failures = Interlocked.Increment(ref _consecutiveFailures);
        var (kind, reason) = S3ErrorClassifier.Classify(exception);
        var threshold = reason == "throttled" ? OutageAfterConsecutiveThrottledFailures : OutageAfterConsecutiveFailures;
        if (probe || failures >= threshold || kind == UploadFailureKind.Permanent)
        {
            EnterOutage(exception);
        }
    }

    /// <summary>Nothing waits in the spool: lets the next write try S3 directly (it re-enters the outage if S3 is still down).</summary>
    public void Reset() => Interlocked.Exchange(ref _outage, 0);

    public void ExitOutage()
    {
        if (Interlocked.Exchange(ref _outage, 0) == 1)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
            IngestLog.StoreRecovered(logger, description, spool.Count);
        }
    }

    public void EnterOutage(Exception exception)
    {
        var (kind, reason) = S3ErrorClassifier.Classify(exception);
        Volatile.Write(ref _outagePermanent, kind == UploadFailureKind.Permanent ? 1 : 0);
        if (kind == UploadFailureKind.Permanent)
        {
            if (Interlocked.Exchange(ref _permanentReported, 1) == 0)
            {
                IngestLog.StorePermanentFailure(logger, description, reason, (exception as AmazonS3Exception)?.ErrorCode);
            }
        }

        if (Interlocked.Exchange(ref _outage, 1) == 0 && kind == UploadFailureKind.Transient)
        {
            IngestLog.StoreOutage(logger, description, reason, spool.Directory);
        }
    }
}
