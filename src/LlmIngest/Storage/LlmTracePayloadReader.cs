using LlmIngest.Capture;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using Microsoft.Extensions.Options;

namespace LlmIngest;

/// <summary>
/// Reads the full payloads of traces back from the store the host writes to, for debugging: every call of a trace by
/// its id, one call by its span id, the span ids a trace holds, presigned URLs to share them, and the bucket's retention
/// rules. Built from the same <see cref="StorageOptions"/> as the host and validated the same way; it never writes.
/// </summary>
public sealed class LlmTracePayloadReader : IDisposable
{
    private readonly PayloadReaderParts _parts;

    /// <summary>Opens the store <paramref name="options"/> select; throws <see cref="OptionsValidationException"/> naming each invalid key.</summary>
    public LlmTracePayloadReader(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new StorageOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(nameof(StorageOptions), typeof(StorageOptions), result.Failures);
        }

        Kind = options.ResolvedKind;
        _parts = PayloadStoreFactory.CreateReader(options);
    }

    /// <summary>The kind of store read: <see cref="PayloadStoreKind.S3"/> or <see cref="PayloadStoreKind.Local"/>.</summary>
    public PayloadStoreKind Kind { get; }

    /// <summary>Where payloads are read from, for messages (never includes credentials).</summary>
    public string Description => _parts.Reader.Description;

    /// <summary>True when the store keeps each payload's SHA-256 beside it (S3 object metadata), so reads can be verified without the trace log.</summary>
    public bool RecordsSha256 => _parts.Reader.RecordsSha256;

    /// <summary>True when <paramref name="id"/> is a valid trace or span id: 1-128 characters of <c>[A-Za-z0-9._-]</c> starting with a letter or digit.</summary>
    public static bool IsValidId(string id) => TraceIdentifiers.IsValid(id);

    /// <summary>True when <paramref name="tenantId"/> is a valid tenant id: like a trace id, at most 64 characters.</summary>
    public static bool IsValidTenantId(string tenantId) => TraceIdentifiers.IsValid(tenantId, 64);

    /// <summary>The key of one payload.</summary>
    public string GetKey(string tenantId, string traceId, string spanId) => _parts.Reader.GetKey(tenantId, traceId, spanId);

    /// <summary>Every payload of a trace, ordered by step. Empty when the trace has none.</summary>
    public Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken = default) =>
        _parts.Reader.ReadTraceAsync(tenantId, traceId, cancellationToken);

    /// <summary>One payload, or null when it does not exist.</summary>
    public Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken = default) =>
        _parts.Reader.ReadAsync(tenantId, traceId, spanId, cancellationToken);

    /// <summary>
    /// One media object (an image, audio clip or file a message referenced) by its tenant and SHA-256
    /// (<see cref="LlmMediaReference.Sha256"/>), or null when it is not stored. Check <see cref="StoredPayload.IsIntact"/>.
    /// </summary>
    public Task<StoredPayload?> ReadMediaAsync(string tenantId, string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (!MediaKeys.IsSha256(sha256))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256: 64 lowercase hex characters.", nameof(sha256));
        }

        return _parts.Reader.ReadMediaAsync(tenantId, sha256, cancellationToken);
    }

    /// <summary>The span ids stored under a trace, in no particular order.</summary>
    public Task<IReadOnlyList<string>> ListSpanIdsAsync(string tenantId, string traceId, CancellationToken cancellationToken = default) =>
        _parts.Reader.ListSpanIdsAsync(tenantId, traceId, cancellationToken);

    /// <summary>
    /// Presigned GET URLs, valid until <paramref name="expiresAt"/> (at most 7 days ahead), of every object of a trace in
    /// key order, so someone without credentials can fetch them. S3 only: <see cref="NotSupportedException"/> for a local folder.
    /// </summary>
    public async Task<IReadOnlyList<PayloadDownloadUrl>> CreateDownloadUrlsAsync(string tenantId, string traceId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var s3 = _parts.S3 ?? throw NotS3("presigned URLs");
        var keys = await s3.ListKeysAsync(tenantId, traceId, cancellationToken).ConfigureAwait(false);
        keys.Sort(StringComparer.Ordinal);
        var urls = new List<PayloadDownloadUrl>(keys.Count);
        foreach (var key in keys)
        {
            urls.Add(new PayloadDownloadUrl(key, await s3.PresignAsync(key, expiresAt.UtcDateTime).ConfigureAwait(false)));
        }

        return urls;
    }

    /// <summary>The configured retention rules beside the bucket's lifecycle rules. S3 only.</summary>
    public Task<RetentionRulesReport> CompareRetentionRulesAsync(CancellationToken cancellationToken = default) =>
        (_parts.Retention ?? throw NotS3("retention rules")).CompareAsync(cancellationToken);

    /// <summary>Puts the configured retention rules into the bucket, keeping its other rules; returns how many were put. S3 only.</summary>
    public Task<int> ApplyRetentionRulesAsync(CancellationToken cancellationToken = default) =>
        (_parts.Retention ?? throw NotS3("retention rules")).ApplyAsync(cancellationToken);

    /// <summary>True when the store can hold the fleet index the hosts ship (S3); false for a local folder.</summary>
    public bool HasFleetIndex => _parts.Index is not null;

    /// <summary>The tenants that have index segments in the bucket, in ordinal order (only the read tenant when one is configured). S3 only.</summary>
    public Task<IReadOnlyList<string>> ListTenantsAsync(CancellationToken cancellationToken = default) =>
        (_parts.Index ?? throw NotS3("the fleet index")).ListTenantsAsync(cancellationToken);

    /// <summary>
    /// The index segments of <paramref name="tenantId"/> (every tenant when null) whose hour overlaps
    /// [<paramref name="since"/>, <paramref name="until"/>), ordered by hour, tenant, instance and sequence. Lists only
    /// the <c>tenant=</c>/<c>dt=</c>/<c>hour=</c> partitions the range covers. S3 only.
    /// </summary>
    public Task<IReadOnlyList<LlmTraceIndexSegment>> ListIndexSegmentsAsync(string? tenantId, DateTimeOffset? since, DateTimeOffset? until, CancellationToken cancellationToken = default) =>
        (_parts.Index ?? throw NotS3("the fleet index")).ListSegmentsAsync(tenantId, since, until, cancellationToken);

    /// <summary>The JSONL lines of a segment, decompressed; fails if the object changed since it was listed (If-Match on its ETag). S3 only.</summary>
    public Task<Stream> OpenIndexSegmentAsync(LlmTraceIndexSegment segment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return (_parts.Index ?? throw NotS3("the fleet index")).OpenSegmentAsync(segment, cancellationToken);
    }

    /// <summary>
    /// The summary shipped beside a segment, or null when it has none or one this version cannot read: then the segment
    /// may hold anything and must be read. S3 only.
    /// </summary>
    public async Task<LlmTraceIndexSummary?> ReadIndexSegmentSummaryAsync(LlmTraceIndexSegment segment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var bytes = await (_parts.Index ?? throw NotS3("the fleet index")).ReadSummaryAsync(segment, cancellationToken).ConfigureAwait(false);
        return bytes is not null && LlmTraceIndexSummary.TryParse(bytes, out var summary) ? summary : null;
    }

    /// <summary>Releases the S3 client.</summary>
    public void Dispose() => _parts.Client?.Dispose();

    private NotSupportedException NotS3(string what) => new($"{what} need an S3 payload store; this reader reads {Description}.");
}
