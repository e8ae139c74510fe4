using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace LlmIngest.Storage.S3;

/// <summary>
/// Writes one <see cref="PendingUpload"/>: a single PUT, or a multipart upload above the threshold (aborted on failure).
/// Create-only: a PUT carries <c>If-None-Match: *</c> (honoured by AWS S3, MinIO and Ceph RGW, which answer 412 when the
/// key exists). A taken key whose object has the same SHA-256 is success (a retry, a spool replay); a different one
/// throws <see cref="PayloadConflictException"/>. A server that refuses the condition (501) gets a check before and a
/// verification after the PUT instead; multipart uploads are checked before they start and completed conditionally.
/// </summary>
internal sealed class S3ObjectWriter(IAmazonS3 s3, S3StorageOptions options)
{
    public const string ContentType = "application/json; charset=utf-8";

    private readonly string _bucket = options.Bucket!;
    private volatile bool _conditionalRefused;

    public async Task PutAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        try
        {
            if (upload.Body.Length >= options.MultipartThresholdBytes)
            {
                if (await ExistsAsync(upload, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                await PutInPartsAsync(upload, cancellationToken).ConfigureAwait(false);
            }
            else if (_conditionalRefused)
            {
                await PutCheckedAsync(upload, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                try
                {
                    await PutWholeAsync(upload, conditional: true, cancellationToken).ConfigureAwait(false);
                }
                catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotImplemented)
                {
                    _conditionalRefused = true;
                    await PutCheckedAsync(upload, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            await EnsureSameContentAsync(upload, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// For servers without conditional PUT: no PUT onto a taken key, and a PUT that raced another writer's is verified
    /// afterwards, so whichever content the key ends up with, a line never claims a SHA-256 its object does not have.
    /// </summary>
    private async Task PutCheckedAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(upload, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await PutWholeAsync(upload, conditional: false, cancellationToken).ConfigureAwait(false);
        await EnsureSameContentAsync(upload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the key holds this content already; throws <see cref="PayloadConflictException"/> when it holds another.</summary>
    private async Task<bool> ExistsAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureSameContentAsync(upload, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task EnsureSameContentAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = upload.Key }, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(head.Metadata["sha256"], upload.Metadata["sha256"], StringComparison.Ordinal))
        {
            throw new PayloadConflictException(upload.Key);
        }
    }

    private async Task PutWholeAsync(PendingUpload upload, bool conditional, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(upload.Body, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = upload.Key,
            InputStream = body,
            AutoCloseStream = false,
            ContentType = upload.ContentType ?? ContentType,
            TagSet = Tags(upload),
            IfNoneMatch = conditional ? "*" : null,

            // The body is in memory, so the SDK's aws-chunked upload encoding gains nothing, and Ceph RGW keeps it in the
            // stored Content-Encoding ("gzip, aws-chunked"), which HTTP clients reject and which an index segment
            // (a .jsonl.gz file, no encoding at all) must not carry.
            UseChunkEncoding = false,
        };
        Describe(upload, request.Headers, request.Metadata);

        if (Encryption() is ({ } method, var keyId))
        {
            request.ServerSideEncryptionMethod = method;
            request.ServerSideEncryptionKeyManagementServiceKeyId = keyId;
        }

        await s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task PutInPartsAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        var initiate = new InitiateMultipartUploadRequest
        {
            BucketName = _bucket,
            Key = upload.Key,
            ContentType = upload.ContentType ?? ContentType,
            TagSet = Tags(upload),
        };
        Describe(upload, initiate.Headers, initiate.Metadata);

        if (Encryption() is ({ } method, var keyId))
        {
            initiate.ServerSideEncryptionMethod = method;
            initiate.ServerSideEncryptionKeyManagementServiceKeyId = keyId;
        }

        var started = await s3.InitiateMultipartUploadAsync(initiate, cancellationToken).ConfigureAwait(false);
        try
        {
            var parts = new List<PartETag>();
            var partSize = (int)Math.Max(5L * 1024 * 1024, options.MultipartPartSizeBytes);
            for (int offset = 0, number = 1; offset < upload.Body.Length; offset += partSize, number++)
            {
                var length = Math.Min(partSize, upload.Body.Length - offset);
                using var part = new MemoryStream(upload.Body, offset, length, writable: false);
                var response = await s3.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = _bucket,
                        Key = upload.Key,
                        UploadId = started.UploadId,
                        PartNumber = number,
                        PartSize = length,
                        InputStream = part,
                        UseChunkEncoding = false,
                    },
                    cancellationToken).ConfigureAwait(false);
                parts.Add(new PartETag(number, response.ETag));
            }

            await s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = _bucket, Key = upload.Key, UploadId = started.UploadId, PartETags = parts, IfNoneMatch = "*" },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Best effort: the lifecycle rule aborts what this cannot.
            try
            {
                await s3.AbortMultipartUploadAsync(_bucket, upload.Key, started.UploadId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (AmazonS3Exception)
            {
            }
            catch (HttpRequestException)
            {
            }

            throw;
        }
    }

    // A whole PUT and the start of a multipart upload carry the same headers and metadata.
    private static void Describe(PendingUpload upload, HeadersCollection headers, MetadataCollection metadata)
    {
        headers.ContentEncoding = upload.ContentEncoding;
        foreach (var (name, value) in upload.Metadata)
        {
            metadata.Add(name, value);
        }
    }

    private static List<Tag> Tags(PendingUpload upload)
    {
        var tags = new List<Tag>(upload.Tags.Count);
        foreach (var (key, value) in upload.Tags)
        {
            tags.Add(new Tag { Key = key, Value = value });
        }

        return tags;
    }

    private (ServerSideEncryptionMethod? Method, string? KmsKeyId) Encryption() => options.Encryption switch
    {
        S3Encryption.S3Managed => (ServerSideEncryptionMethod.AES256, null),
        S3Encryption.Kms => (ServerSideEncryptionMethod.AWSKMS, options.KmsKeyId),
        _ => (null, null),
    };

}
