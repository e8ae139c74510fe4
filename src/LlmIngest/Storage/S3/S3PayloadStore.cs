using Amazon.S3;
using LlmIngest.Diagnostics;
using LlmIngest.Storage.Spool;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Storage.S3;

/// <summary>
/// Stores payloads in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW) under <c>{prefix}/{tenant}/{trace_id}/{span_id}.json</c>.
/// Composes the parts that do the work: <see cref="S3PayloadEncoder"/> (the object), <see cref="S3Uploader"/> (retries),
/// <see cref="S3Availability"/> (outage and probes), the <see cref="PayloadSpool"/> that keeps payloads while S3 is down
/// and the <see cref="SpoolReplayer"/> that uploads them once it answers again, and <see cref="S3PayloadReader"/>.
/// </summary>
internal sealed class S3PayloadStore : IPayloadStore, IIndexSegmentStore, IPayloadLocator, IMediaStore, IDisposable
{
    private readonly IAmazonS3 _s3;
    private readonly bool _ownsClient;
    private readonly S3PayloadEncoder _encoder;
    private readonly S3Uploader _uploader;
    private readonly S3PayloadReader _reader;
    private readonly StorageMetrics _metrics;
    private readonly ILogger _logger;
    private readonly string _bucket;

    public S3PayloadStore(IAmazonS3 s3, StorageOptions storage, PayloadSpool spool, StorageMetrics metrics, TimeProvider time, ILogger<S3PayloadStore> logger, bool ownsClient = false)
    {
        var options = storage.S3;
        _s3 = s3;
        _ownsClient = ownsClient;
        _bucket = options.Bucket ?? string.Empty;
        _metrics = metrics;
        _logger = logger;
        _reader = new S3PayloadReader(s3, storage);
        _encoder = new S3PayloadEncoder(options, storage.Retention);
        Spool = spool;
        Prefix = options.Prefix;
        Availability = new S3Availability(_reader.Description, spool, options.RetryBaseDelay, time, logger);
        var retry = new UploadRetryPolicy(Math.Max(1, options.MaxAttempts), options.RetryBaseDelay, options.RetryMaxDelay, time);
        _uploader = new S3Uploader(new S3ObjectWriter(s3, options), retry, Availability, metrics, time);
        Replayer = new SpoolReplayer(spool, _uploader, Availability, Math.Max(1, storage.MaxConcurrency), metrics, logger);
    }

    public string Description => _reader.Description;

    public PayloadSpool Spool { get; }

    public S3Availability Availability { get; }

    public SpoolReplayer Replayer { get; }

    /// <summary>True while S3 is considered down: new payloads go straight to the spool.</summary>
    public bool InOutage => Availability.InOutage;

    public void Dispose()
    {
        Replayer.Dispose();
        if (_ownsClient)
        {
            _s3.Dispose();
        }
    }

    public string GetKey(string tenantId, string traceId, string spanId) => _reader.GetKey(tenantId, traceId, spanId);

    /// <summary><c>s3://{bucket}/{key}</c>: the key as stored, spooled payloads included (they land there on replay).</summary>
    public string UriOf(string key) => "s3://" + _bucket + "/" + key;

    public string Prefix { get; }

    public Task WriteAsync(PayloadObject payload, CancellationToken cancellationToken) =>
        StoreAsync(_encoder.Prepare(payload), cancellationToken);

    public string GetMediaUri(string tenantId, string sha256) => _reader.GetMediaUri(tenantId, sha256);

    /// <summary>A media object takes the payloads' path too, so it is stored (or spooled) before the payload that names it.</summary>
    public Task WriteMediaAsync(MediaObject media, CancellationToken cancellationToken) =>
        StoreAsync(_encoder.PrepareMedia(media), cancellationToken);

    public Task<StoredPayload?> ReadMediaAsync(string tenantId, string sha256, CancellationToken cancellationToken) =>
        _reader.ReadMediaAsync(tenantId, sha256, cancellationToken);

    /// <summary>An index segment takes the payloads' path: direct PUT with retries, the spool in an outage, then replay.</summary>
    public async Task WriteSegmentAsync(IndexSegment segment, CancellationToken cancellationToken)
    {
        await StoreAsync(_encoder.PrepareSegment(segment), cancellationToken).ConfigureAwait(false);
        if (segment.Summary is { } summary)
        {
            // After the segment, so a summary never describes a key that has no segment of these lines.
            try
            {
                await StoreAsync(_encoder.PrepareSummary(segment, summary), cancellationToken).ConfigureAwait(false);
            }
            catch (PayloadConflictException)
            {
                // Another summary of the same segment (an older builder's bytes): it describes the same lines.
                IndexShipLog.SummarySkipped(_logger, IndexKeys.ForSummary(segment.Key));
            }
        }
    }

    private async Task StoreAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        var probe = false;
        if (!Availability.InOutage || (probe = Availability.TryStartProbe()))
        {
            try
            {
                // A probe makes one attempt: while it retried with backoff, its whole batch waited for it, which held
                // the worker to one batch per retry cycle for the length of the outage.
                await _uploader.UploadAsync(upload, withRetries: !probe, cancellationToken).ConfigureAwait(false);
                Availability.WriteSucceeded(probe);
                return;
            }
            catch (Exception e) when (e is not PayloadConflictException && !cancellationToken.IsCancellationRequested)
            {
                Availability.WriteFailed(e, probe);
            }
            finally
            {
                if (probe)
                {
                    Availability.EndProbe();
                }
            }
        }

        // Either S3 is down, or this one upload ran out of attempts: the spool keeps it until a replay uploads it.
        await SpoolAsync(upload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads what the spool holds (see <see cref="SpoolReplayer"/>).</summary>
    public Task ReplayAsync(CancellationToken cancellationToken) => Replayer.ReplayAsync(cancellationToken);

    public Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken) =>
        _reader.ReadTraceAsync(tenantId, traceId, cancellationToken);

    public Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken) =>
        _reader.ReadAsync(tenantId, traceId, spanId, cancellationToken);

    internal PendingUpload Prepare(PayloadObject payload) => _encoder.Prepare(payload);

    private async Task SpoolAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        if (await Spool.TryEnqueueAsync(upload, cancellationToken).ConfigureAwait(false))
        {
            _metrics.Spooled();
            return;
        }

        _metrics.SpoolDropped(1, "drop_newest");
        IngestLog.SpoolFull(_logger, Spool.Bytes, Spool.MaxBytes, 1, "DropNewest");
        throw new PayloadNotStoredException($"S3 is unavailable and the spool at {Spool.Directory} is full; object {upload.Key} was not stored.");
    }
}
