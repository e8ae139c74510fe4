using LlmIngest.Storage.S3;

namespace LlmIngest.Storage;

/// <summary>
/// What <see cref="PayloadStoreFactory"/> builds for a reader: the store's reading side, and for S3 the bucket reader
/// (listing, presigned URLs), its retention rules, the fleet index reader and the client the reader owns.
/// </summary>
internal sealed record PayloadReaderParts(IPayloadReader Reader, S3PayloadReader? S3, BucketRetention? Retention, IDisposable? Client, S3IndexReader? Index = null);
