using Amazon.S3;
using Amazon.S3.Model;

namespace LlmIngest.Storage.S3;

/// <summary>Writes one <see cref="PendingUpload"/>: a single PUT, or a multipart upload above the threshold (aborted on failure).</summary>
internal sealed class S3ObjectWriter(IAmazonS3 s3, S3StorageOptions options)
{
    public const string ContentType = "application/json; charset=utf-8";

    private readonly string _bucket = options.Bucket!;

    public Task PutAsync(PendingUpload upload, CancellationToken cancellationToken) =>
        upload.Body.Length >= options.MultipartThresholdBytes
            ? PutInPartsAsync(upload, cancellationToken)
            : PutWholeAsync(upload, cancellationToken);

    private async Task PutWholeAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(upload.Body, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = upload.Key,
            InputStream = body,
            AutoCloseStream = false,
            ContentType = ContentType,
            TagSet = Tags(upload),
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
            ContentType = ContentType,
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
                    },
                    cancellationToken).ConfigureAwait(false);
                parts.Add(new PartETag(number, response.ETag));
            }

            await s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = _bucket, Key = upload.Key, UploadId = started.UploadId, PartETags = parts },
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
