using Amazon.S3;
using LlmIngest.Diagnostics;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using LlmIngest.Storage.Spool;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>Builds an <see cref="S3PayloadStore"/> outside a host, with its own spool folder and meter.</summary>
internal static class S3StoreFactory
{
    public static S3PayloadStore Create(IAmazonS3 client, StorageOptions storage, string spoolDirectory)
    {
        storage.Spool.Directory = spoolDirectory;
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        return new S3PayloadStore(
            client,
            storage,
            new PayloadSpool(storage.Spool, TimeProvider.System),
            new StorageMetrics(meters),
            TimeProvider.System,
            NullLogger<S3PayloadStore>.Instance);
    }
}
