namespace LlmIngest.Diagnostics;

/// <summary>
/// The pipeline's exact counts, updated with interlocked increments so the record call stays allocation-free;
/// <see cref="IngestMetrics"/> publishes them as observable instruments. The counts every record call (or a full queue)
/// updates from many producer threads are striped per core, apart from each other and from the worker's counts.
/// </summary>
internal sealed class IngestCounters
{
    private readonly StripedCounter _accepted = new();
    private readonly StripedCounter _droppedQueueFull = new();
    private long _droppedTimeout;
    private long _droppedInvalid;
    private long _droppedStopped;
    private long _evicted;
    private long _processed;
    private long _processingFailed;
    private long _payloadsStored;
    private long _payloadsFailed;
    private long _payloadBytes;
    private long _logLinesWritten;
    private long _logLinesFailed;
    private long _costUnknown;
    private long _sanitizedNonFinite;
    private long _sanitizedNegativeTokens;
    private long _sanitizedOutOfRange;
    private long _duplicateIds;
    private long _optionalStageFailed;
    private long _sampledOutByRate;
    private long _sampledOutByUpstream;
    private readonly long[] _rejected = new long[Enum.GetValues<RejectionReason>().Length];
    private int _logFailing;

    /// <summary>Media objects offloaded by the worker.</summary>
    public MediaCounters Media { get; } = new();

    /// <summary>
    /// Record calls made: each ends accepted or dropped at record, so this is their sum, read accepted first (a call
    /// in flight is counted once its outcome is), which spares the record call an increment of its own.
    /// </summary>
    public long Calls => Accepted + DroppedAtRecord;

    public long Accepted => _accepted.Value;

    public long DroppedQueueFull => _droppedQueueFull.Value;

    public long DroppedTimeout => Volatile.Read(ref _droppedTimeout);

    public long DroppedInvalid => Volatile.Read(ref _droppedInvalid);

    public long DroppedStopped => Volatile.Read(ref _droppedStopped);

    /// <summary>Traces that were accepted and later pushed out of a full queue (drop-oldest mode).</summary>
    public long Evicted => Volatile.Read(ref _evicted);

    /// <summary>Traces the worker finished with, successfully or not.</summary>
    public long Processed => Volatile.Read(ref _processed);

    public long ProcessingFailed => Volatile.Read(ref _processingFailed);

    public long PayloadsStored => Volatile.Read(ref _payloadsStored);

    public long PayloadsFailed => Volatile.Read(ref _payloadsFailed);

    public long PayloadBytes => Volatile.Read(ref _payloadBytes);

    public long LogLinesWritten => Volatile.Read(ref _logLinesWritten);

    public long LogLinesFailed => Volatile.Read(ref _logLinesFailed);

    /// <summary>Traces with usage whose model has no price, so their cost is unknown.</summary>
    public long CostUnknownCount => Volatile.Read(ref _costUnknown);

    /// <summary>Fields set to null because they held NaN or ±Infinity (JSON has no literal for them).</summary>
    public long SanitizedNonFinite => Volatile.Read(ref _sanitizedNonFinite);

    /// <summary>Token counts set to null because they were negative.</summary>
    public long SanitizedNegativeTokens => Volatile.Read(ref _sanitizedNegativeTokens);

    /// <summary>Numbers set to null (or a latency to 0) because they were outside any sane range.</summary>
    public long SanitizedOutOfRange => Volatile.Read(ref _sanitizedOutOfRange);

    /// <summary>Traces whose (tenant, trace_id, span_id) already held a different payload: stored under a distinct key.</summary>
    public long DuplicateIds => Volatile.Read(ref _duplicateIds);

    /// <summary>Failures of an optional stage (pricing, summary, diagnostics, debug output); the trace was still written.</summary>
    public long OptionalStageFailed => Volatile.Read(ref _optionalStageFailed);

    /// <summary>Every trace refused at record time, whatever the reason.</summary>
    public long DroppedAtRecord => DroppedQueueFull + DroppedTimeout + DroppedInvalid + DroppedStopped;

    public void Accept() => _accepted.Increment();

    public void Drop(DropReason reason)
    {
        switch (reason)
        {
            case DropReason.QueueFull:
                _droppedQueueFull.Increment();
                break;
            case DropReason.Timeout:
                Interlocked.Increment(ref _droppedTimeout);
                break;
            case DropReason.Invalid:
                Interlocked.Increment(ref _droppedInvalid);
                break;
            case DropReason.Stopped:
                Interlocked.Increment(ref _droppedStopped);
                break;
            case DropReason.Evicted:
                Interlocked.Increment(ref _evicted);
                break;
        }
    }

    public void TraceProcessed(bool succeeded)
    {
        if (!succeeded)
        {
            Interlocked.Increment(ref _processingFailed);
        }

        Interlocked.Increment(ref _processed);
    }

    public void PayloadStored(long bytes)
    {
        Interlocked.Increment(ref _payloadsStored);
        Interlocked.Add(ref _payloadBytes, bytes);
    }

    public void PayloadFailed() => Interlocked.Increment(ref _payloadsFailed);

    public void LogLinesWrittenAdd(int count)
    {
        Interlocked.Add(ref _logLinesWritten, count);
        Volatile.Write(ref _logFailing, 0);
    }

    /// <summary>True while the last batch of lines could not be written to the trace log.</summary>
    public bool LogFailing => Volatile.Read(ref _logFailing) == 1;

    public void CostUnknown() => Interlocked.Increment(ref _costUnknown);

    public void Sanitized(string reason)
    {
        if (reason == SanitizeReasons.NonFinite)
        {
            Interlocked.Increment(ref _sanitizedNonFinite);
        }
        else if (reason == SanitizeReasons.OutOfRange)
        {
            Interlocked.Increment(ref _sanitizedOutOfRange);
        }
        else
        {
            Interlocked.Increment(ref _sanitizedNegativeTokens);
        }
    }

    public void DuplicateId() => Interlocked.Increment(ref _duplicateIds);

    public void OptionalStageFailure() => Interlocked.Increment(ref _optionalStageFailed);

    /// <summary>Calls sampling left out by their rate.</summary>
    public long SampledOutByRate => Volatile.Read(ref _sampledOutByRate);

    /// <summary>Calls sampling left out because the upstream trace was not sampled.</summary>
    public long SampledOutByUpstream => Volatile.Read(ref _sampledOutByUpstream);

    public void SampledOut(bool upstream) => Interlocked.Increment(ref upstream ? ref _sampledOutByUpstream : ref _sampledOutByRate);

    /// <summary>Counts one invalid trace under its reason (and so its field); the total stays in <see cref="DroppedInvalid"/>.</summary>
    public long Rejected(RejectionReason reason) => Interlocked.Increment(ref _rejected[(int)reason]);

    public long RejectedCount(RejectionReason reason) => Volatile.Read(ref _rejected[(int)reason]);

    public void LogLinesFailedAdd(int count)
    {
        Interlocked.Add(ref _logLinesFailed, count);
        Volatile.Write(ref _logFailing, 1);
    }

    public long CountOf(DropReason reason) => reason switch
    {
        DropReason.QueueFull => DroppedQueueFull,
        DropReason.Timeout => DroppedTimeout,
        DropReason.Invalid => DroppedInvalid,
        DropReason.Stopped => DroppedStopped,
        DropReason.Evicted => Evicted,
        _ => 0,
    };
}
