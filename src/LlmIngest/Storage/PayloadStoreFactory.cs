using Amazon.Runtime;
using LlmIngest.Diagnostics;
using LlmIngest.Storage.S3;
using LlmIngest.Storage.Spool;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Storage;

/// <summary>
/// Builds the payload store the options select, for the host (<see cref="Create"/>: writes, spool, replay) and for a
/// reader such as the CLI (<see cref="CreateReader"/>: no spool, no metrics), from the same client and key layout.
/// </summary>
internal sealed class PayloadStoreFactory(TimeProvider time, StorageMetrics metrics, ILoggerFactory loggers, HttpClientFactory? httpClientFactory = null)
{
    public BuiltPayloadStore Create(StorageOptions storage)
    {
        if (storage.ResolvedKind != PayloadStoreKind.S3)
        {
            return new BuiltPayloadStore(new LocalFolderPayloadStore(storage.Local, storage.ReadTenant), null, null, null);
        }

        var logger = loggers.CreateLogger<S3PayloadStore>();
        var spool = new PayloadSpool(storage.Spool, time);
        spool.Evicted = count =>
        {
            metrics.SpoolDropped(count, "drop_oldest");
            IngestLog.SpoolFull(logger, spool.Bytes, spool.MaxBytes, count, "DropOldest");
        };
        metrics.Observe(() => spool.Count, () => spool.Bytes, () => spool.OldestAge.TotalSeconds);
        var client = S3ClientFactory.Create(storage.S3, httpClientFactory);
        var store = new S3PayloadStore(client, storage, spool, metrics, time, logger, ownsClient: true);
        return new BuiltPayloadStore(store, store.Availability, store.Replayer, new BucketRetention(client, storage));
    }

    public static PayloadReaderParts CreateReader(StorageOptions storage, HttpClientFactory? httpClientFactory = null)
    {
        if (storage.ResolvedKind != PayloadStoreKind.S3)
        {
            return new PayloadReaderParts(new LocalFolderPayloadStore(storage.Local, storage.ReadTenant), null, null, null);
        }

        var client = S3ClientFactory.Create(storage.S3, httpClientFactory);
        var reader = new S3PayloadReader(client, storage);
        return new PayloadReaderParts(reader, reader, new BucketRetention(client, storage), client, new S3IndexReader(client, storage, TimeProvider.System));
    }
}
