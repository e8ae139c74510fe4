using System.Globalization;
using System.IO.Compression;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using LlmIngest.Diagnostics;
using LlmIngest.Storage.Spool;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Storage.S3;

/// <summary>
/// Stores payloads in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW) under <c>{prefix}/{tenant}/{trace_id}/{span_id}.json</c>:
/// gzip with <c>Content-Encoding: gzip</c>, the ids and the uncompressed body's SHA-256 as metadata, the retention class
/// as a tag, SSE on. Transient failures are retried with backoff; when S3 stays down or refuses, payloads go to the
/// <see cref="PayloadSpool"/> and <see cref="ReplayAsync"/> uploads them, oldest first, once it answers again.
/// </summary>
internal sealed class S3PayloadStore : IPayloadStore, IDisposable
{
    private const int ReadConcurrency = 8;
    private const int MaxMetadataValueLength = 256;

    // Uploads in a row that must fail every attempt before S3 counts as down. One is not enough: under throttling of a
    // fraction of requests, a single upload running out of retries sent all traffic through the spool until the next
    // replay (the fault suite saw 70-85% of payloads spooled at 30% throttling).
    private const int OutageAfterConsecutiveFailures = 2;

    // Throttling (503 SlowDown, 429) says S3 answers: it takes one more upload in a row to count as down. At 30%
    // throttling and 4 attempts ~0.8% of uploads run out of attempts; two of them in a row happened in a clean CI run
    // (2026-12-02) and a fast worker spooled ~470 of 1,000 payloads before a probe got through. Three in a row is ~100
    // times rarer, and throttling of every request still counts as an outage after three uploads.
    private const int OutageAfterConsecutiveThrottledFailures = 3;

    private readonly IAmazonS3 _s3;
    private readonly S3StorageOptions _options;
    private readonly RetentionOptions _retention;
    private readonly string? _readTenant;
    private readonly S3ObjectWriter _writer;
    private readonly UploadRetryPolicy _retry;
    private readonly StorageMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _ownsClient;
    private readonly string _bucket;
    private readonly int _replayWindow;
    private int _outage;
    private int _permanentReported;
    private int _consecutiveFailures;
    private int _outagePermanent;
    private int _probing;
    private long _lastProbe;

    public S3PayloadStore(IAmazonS3 s3, StorageOptions storage, PayloadSpool spool, StorageMetrics metrics, TimeProvider time, ILogger<S3PayloadStore> logger, bool ownsClient = false)
    {
        _s3 = s3;
        _options = storage.S3;
        _retention = storage.Retention;
        _readTenant = storage.ReadTenant;
        _bucket = _options.Bucket ?? throw new ArgumentException("LlmIngest:Storage:S3:Bucket is required.", nameof(storage));
        _writer = new S3ObjectWriter(s3, _options);
        _retry = new UploadRetryPolicy(Math.Max(1, _options.MaxAttempts), _options.RetryBaseDelay, _options.RetryMaxDelay, time);
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _ownsClient = ownsClient;
        _replayWindow = Math.Max(1, storage.MaxConcurrency);
        Spool = spool;
        Description = $"s3://{_bucket}/{_options.Prefix.Trim('/')}" + (string.IsNullOrEmpty(_options.ServiceUrl) ? string.Empty : $" at {_options.ServiceUrl}");
    }

    public string Description { get; }

    public string Bucket => _bucket;

    public IAmazonS3 Client => _s3;

    public PayloadSpool Spool { get; }

    /// <summary>True while S3 is considered down: new payloads go straight to the spool.</summary>
    public bool InOutage => Volatile.Read(ref _outage) == 1;

    public void Dispose()
    {
        if (_ownsClient)
        {
            _s3.Dispose();
        }
    }

    public string GetKey(string tenantId, string traceId, string spanId) => PayloadKeys.ForPayload(_options.Prefix, tenantId, traceId, spanId);

    public async Task WriteAsync(PayloadObject payload, CancellationToken cancellationToken)
    {
        var upload = Prepare(payload);
        var probe = false;
        if (!InOutage || (probe = TryStartProbe()))
        {
            try
            {
                // A probe makes one attempt: while it retried with backoff, its whole batch waited for it, which
                // held the worker to one batch per retry cycle (~365 traces/s) for the length of the outage.
                await UploadAsync(upload, retry: !probe, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _consecutiveFailures, 0);
                if (probe)
                {
                    ExitOutage();
                }

                return;
            }
            catch (Exception e) when (e is not PayloadConflictException && !cancellationToken.IsCancellationRequested)
            {
                var failures = Interlocked.Increment(ref _consecutiveFailures);
                var (kind, reason) = S3ErrorClassifier.Classify(e);
                var threshold = reason == "throttled" ? OutageAfterConsecutiveThrottledFailures : OutageAfterConsecutiveFailures;
                if (probe || failures >= threshold || kind == UploadFailureKind.Permanent)
                {
                    EnterOutage(e);
                }
            }
            finally
            {
                if (probe)
                {
                    Volatile.Write(ref _probing, 0);
                }
            }
        }

        // Either S3 is down, or this one upload ran out of attempts: the spool keeps it until a replay uploads it.
        await SpoolAsync(upload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads spooled payloads oldest first, in windows of <c>MaxConcurrency</c> uploads at a time, until the spool is
    /// empty or S3 fails again (then the rest waits for the next round). Torn or corrupt files are quarantined.
    /// </summary>
    public async Task ReplayAsync(CancellationToken cancellationToken)
    {
        var files = Spool.Snapshot();
        if (files.Count == 0)
        {
            // Nothing waits: let the next write try S3 directly (it re-enters the outage if S3 is still down).
            Interlocked.Exchange(ref _outage, 0);
            return;
        }

        var failed = 0;
        for (var start = 0; start < files.Count && Volatile.Read(ref failed) == 0; start += _replayWindow)
        {
            var window = files.Skip(start).Take(_replayWindow);
            await Parallel.ForEachAsync(
                window,
                new ParallelOptions { MaxDegreeOfParallelism = _replayWindow, CancellationToken = cancellationToken },
                async (file, ct) =>
                {
                    if (!await ReplayOneAsync(file, ct).ConfigureAwait(false))
                    {
                        Interlocked.Exchange(ref failed, 1);
                    }
                }).ConfigureAwait(false);

            if (Volatile.Read(ref failed) == 0)
            {
                ExitOutage();
            }
        }
    }

    private async Task<bool> ReplayOneAsync(string file, CancellationToken cancellationToken)
    {
        var upload = await Spool.ReadAsync(file, cancellationToken).ConfigureAwait(false);
        if (upload is null)
        {
            if (File.Exists(file))
            {
                Spool.Quarantine(file);
                _metrics.SpoolCorrupt();
                IngestLog.SpoolFileCorrupt(_logger, file, Spool.CorruptDirectory);
            }

            return true;
        }

        try
        {
            await UploadAsync(upload, retry: true, cancellationToken).ConfigureAwait(false);
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
            EnterOutage(e);
            return false;
        }

        Spool.Complete(file);
        return true;
    }

    private async Task<bool> ReplayDuplicateAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        var duplicate = new PendingUpload
        {
            Key = PayloadKeys.ForDuplicate(upload.Key, upload.Metadata["sha256"]),
            Body = upload.Body,
            ContentEncoding = upload.ContentEncoding,
            Metadata = upload.Metadata,
            Tags = upload.Tags,
        };
        try
        {
            await UploadAsync(duplicate, retry: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            EnterOutage(e);
            return false;
        }

        upload.Metadata.TryGetValue("tenant-id", out var tenant);
        upload.Metadata.TryGetValue("trace-id", out var trace);
        upload.Metadata.TryGetValue("span-id", out var span);
        _metrics.Duplicate();
        IngestLog.DuplicateIds(_logger, tenant ?? "?", trace ?? "?", span ?? "?", duplicate.Key);
        return true;
    }

    public async Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken)
    {
        TenantScope.EnsureReadable(_readTenant, tenantId);
        var prefix = PayloadKeys.ForTrace(_options.Prefix, tenantId, traceId);
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await _s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var entry in response.S3Objects ?? [])
            {
                if (entry.Key.EndsWith(PayloadKeys.Extension, StringComparison.Ordinal))
                {
                    keys.Add(entry.Key);
                }
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        var payloads = new StoredPayload?[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => payloads[i] = await GetAsync(keys[i], ct).ConfigureAwait(false)).ConfigureAwait(false);

        var found = new List<StoredPayload>(keys.Count);
        foreach (var payload in payloads)
        {
            if (payload is not null)
            {
                found.Add(payload);
            }
        }

        return PayloadOrder.ByStep(found);
    }

    public Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken)
    {
        TenantScope.EnsureReadable(_readTenant, tenantId);
        return GetAsync(GetKey(tenantId, traceId, spanId), cancellationToken);
    }

    internal PendingUpload Prepare(PayloadObject payload)
    {
        var gzip = _options.Compression == PayloadCompression.Gzip;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["trace-id"] = payload.TraceId,
            ["span-id"] = payload.SpanId,
            ["tenant-id"] = payload.TenantId,
            ["step"] = payload.Step.ToString(CultureInfo.InvariantCulture),
            ["sha256"] = payload.Sha256,
            ["schema-version"] = "1",
        };
        AddEscaped(metadata, "session-id", payload.SessionId);
        AddEscaped(metadata, "model", payload.Model);
        return new PendingUpload
        {
            Key = payload.Key,
            Body = gzip ? Compress(payload.Content.Span) : payload.Content.ToArray(),
            ContentEncoding = gzip ? "gzip" : null,
            Metadata = metadata,
            Tags = new Dictionary<string, string>(StringComparer.Ordinal) { [_retention.TagKey] = payload.RetentionClass ?? _retention.DefaultClass },
        };
    }

    private static byte[] Compress(ReadOnlySpan<byte> content)
    {
        using var output = new MemoryStream((content.Length / 4) + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private static void AddEscaped(Dictionary<string, string> metadata, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        // Metadata travels as HTTP headers (ASCII only) and S3 caps all of it at 2 KB: a long value is left out,
        // since the payload itself holds it.
        var escaped = Uri.EscapeDataString(value);
        if (escaped.Length <= MaxMetadataValueLength)
        {
            metadata[name] = escaped;
        }
    }

    private async Task UploadAsync(PendingUpload upload, bool retry, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        try
        {
            if (retry)
            {
                await _retry.ExecuteAsync(ct => _writer.PutAsync(upload, ct), _metrics.Retried, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _writer.PutAsync(upload, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not PayloadConflictException && !cancellationToken.IsCancellationRequested)
        {
            _metrics.Failed(S3ErrorClassifier.Classify(e).Reason);
            throw;
        }

        _metrics.Uploaded(upload.Body.Length, _time.GetElapsedTime(started).TotalMilliseconds);
        Volatile.Write(ref _permanentReported, 0);
    }

    private async Task SpoolAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        if (await Spool.TryEnqueueAsync(upload, cancellationToken).ConfigureAwait(false))
        {
            _metrics.Spooled();
            return;
        }

        _metrics.SpoolDropped(1, "drop_newest");
        IngestLog.SpoolFull(_logger, Spool.Bytes, Spool.MaxBytes, 1, "DropNewest");
        throw new PayloadNotStoredException($"S3 is unavailable and the spool at {Spool.Directory} is full; payload {upload.Key} was not stored.");
    }

    /// <summary>
    /// While S3 is down for a transient reason, lets one upload at a time (at most one per <c>RetryBaseDelay</c>) try it
    /// directly: when S3 answers again, traffic goes direct at once instead of through the spool until the next replay.
    /// Not for errors retrying cannot fix (access denied, no bucket): the replay finds out when those are fixed.
    /// </summary>
    private bool TryStartProbe()
    {
        if (Volatile.Read(ref _outagePermanent) == 1)
        {
            return false;
        }

        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(Interlocked.Read(ref _lastProbe), now) < _options.RetryBaseDelay || Interlocked.CompareExchange(ref _probing, 1, 0) != 0)
        {
            return false;
        }

        Interlocked.Exchange(ref _lastProbe, now);
        return true;
    }

    private void ExitOutage()
    {
        if (Interlocked.Exchange(ref _outage, 0) == 1)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
            IngestLog.StoreRecovered(_logger, Description, Spool.Count);
        }
    }

    private void EnterOutage(Exception exception)
    {
        var (kind, reason) = S3ErrorClassifier.Classify(exception);
        Volatile.Write(ref _outagePermanent, kind == UploadFailureKind.Permanent ? 1 : 0);
        if (kind == UploadFailureKind.Permanent)
        {
            if (Interlocked.Exchange(ref _permanentReported, 1) == 0)
            {
                IngestLog.StorePermanentFailure(_logger, Description, reason, (exception as AmazonS3Exception)?.ErrorCode);
            }
        }

        if (Interlocked.Exchange(ref _outage, 1) == 0 && kind == UploadFailureKind.Transient)
        {
            IngestLog.StoreOutage(_logger, Description, reason, Spool.Directory);
        }
    }

    private async Task<StoredPayload?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _s3.GetObjectAsync(_bucket, key, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)Math.Min(response.ContentLength * 4, int.MaxValue / 2) : 4096);
            if (string.Equals(response.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
            {
                await using var gzip = new GZipStream(response.ResponseStream, CompressionMode.Decompress);
                await gzip.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            var expected = response.Metadata["sha256"];
            return new StoredPayload(key, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), string.IsNullOrEmpty(expected) ? null : expected);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
