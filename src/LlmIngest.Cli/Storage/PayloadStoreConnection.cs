using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using LlmIngest.Diagnostics;
using LlmIngest.Hosting;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using LlmIngest.Storage.Spool;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmIngest.Cli.Storage;

/// <summary>
/// The payload store a command reads, built from the library's options exactly as the host builds it, plus what the
/// store interface does not offer a reader: listing a trace's span ids, the S3 client, and failures turned into
/// messages that name the endpoint.
/// </summary>
internal sealed class PayloadStoreConnection : IDisposable
{
    private readonly string? _spoolDirectory;
    private readonly IAmazonS3? _s3;
    private readonly S3PayloadStore? _s3Store;

    private PayloadStoreConnection(IPayloadStore store, StorageOptions storage, IAmazonS3? s3, string? spoolDirectory)
    {
        Store = store;
        Storage = storage;
        _s3 = s3;
        _s3Store = store as S3PayloadStore;
        _spoolDirectory = spoolDirectory;
        Location = s3 is null
            ? $"the local folder {Path.GetFullPath(storage.Local.Directory)}"
            : $"bucket {storage.S3.Bucket}" + (string.IsNullOrWhiteSpace(storage.S3.ServiceUrl) ? string.Empty : $" at {storage.S3.ServiceUrl}");
    }

    public IPayloadStore Store { get; }

    public StorageOptions Storage { get; }

    public bool IsS3 => _s3 is not null;

    /// <summary>"bucket B at http://…" or "the local folder F", for messages.</summary>
    public string Location { get; }

    public string Endpoint => string.IsNullOrWhiteSpace(Storage.S3.ServiceUrl) ? $"AWS S3 ({Storage.S3.Region})" : Storage.S3.ServiceUrl!;

    public IAmazonS3 S3 => _s3 ?? throw new CliException(ExitCodes.InvalidConfiguration,
        $"this command needs an S3 payload store, but the configuration selects {Location} (set LlmIngest:Storage:S3:Bucket or --bucket).");

    public string Bucket => Storage.S3.Bucket!;

    public static PayloadStoreConnection Open(LlmTraceIngestOptions options)
    {
        var storage = options.Storage;
        if (storage.ResolvedKind != PayloadStoreKind.S3)
        {
            return new PayloadStoreConnection(new LocalFolderPayloadStore(storage.Local, storage.ReadTenant), storage, null, null);
        }

        if (string.IsNullOrWhiteSpace(storage.S3.Bucket))
        {
            throw new CliException(ExitCodes.InvalidConfiguration, "LlmIngest:Storage:S3:Bucket is required for the S3 store (or pass --bucket).");
        }

        if (string.IsNullOrEmpty(storage.S3.AccessKey) != string.IsNullOrEmpty(storage.S3.SecretKey))
        {
            throw new CliException(ExitCodes.InvalidConfiguration, "LlmIngest:Storage:S3:AccessKey and SecretKey must be set together.");
        }

        // The store wants a spool for its writes; a reader never writes, so it gets an empty folder of its own.
        var spoolDirectory = Path.Combine(Path.GetTempPath(), "llmtrace-cli", Guid.NewGuid().ToString("N"));
        storage.Spool.Directory = spoolDirectory;
        var client = S3ClientFactory.Create(storage.S3);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var store = new S3PayloadStore(
            client,
            storage,
            new PayloadSpool(storage.Spool, TimeProvider.System),
            new StorageMetrics(meters),
            TimeProvider.System,
            NullLogger<S3PayloadStore>.Instance,
            ownsClient: true);
        return new PayloadStoreConnection(store, storage, client, spoolDirectory);
    }

    /// <summary>The span ids under a trace's prefix, from one listing.</summary>
    public async Task<List<string>> ListSpanIdsAsync(string tenantId, string traceId, CancellationToken cancellationToken)
    {
        var spans = new List<string>();
        if (_s3 is null)
        {
            var folder = Path.Combine(Path.GetFullPath(Storage.Local.Directory), PortablePath.Encode(tenantId), PortablePath.Encode(traceId));
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*" + PayloadKeys.Extension))
                {
                    spans.Add(PortablePath.Decode(Path.GetFileNameWithoutExtension(file)));
                }
            }

            return spans;
        }

        var prefix = PayloadKeys.ForTrace(Storage.S3.Prefix, tenantId, traceId);
        foreach (var key in await ListKeysAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            spans.Add(key[prefix.Length..^PayloadKeys.Extension.Length]);
        }

        return spans;
    }

    public async Task<List<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await S3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
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
        return keys;
    }

    /// <summary>Runs a store call, turning S3 failures into a <see cref="CliException"/> naming the endpoint and bucket.</summary>
    public async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Describe(e, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    private CliException? Describe(Exception e, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case UnauthorizedAccessException:
                return new CliException(ExitCodes.InvalidConfiguration, e.Message);
            case AmazonS3Exception { ErrorCode: "NoSuchBucket" }:
                return new CliException(ExitCodes.NotFound, $"bucket {Bucket} does not exist at {Endpoint}.");
            case AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } s3:
                return new CliException(ExitCodes.StorageUnavailable, $"S3 at {Endpoint} refused access to bucket {Bucket} ({s3.ErrorCode}): check the credentials and the bucket policy.");
            case AmazonS3Exception s3 when (int)s3.StatusCode >= 500 || s3.InnerException is HttpRequestException or SocketException or IOException:
                return Unreachable(e);
            case AmazonServiceException or AmazonClientException when e.InnerException is HttpRequestException or SocketException or IOException or TimeoutException:
                return Unreachable(e);
            case HttpRequestException or SocketException or TimeoutException:
                return Unreachable(e);
            case OperationCanceledException when !cancellationToken.IsCancellationRequested:
                return new CliException(ExitCodes.StorageUnavailable, $"cannot reach S3 at {Endpoint}: the request timed out after {Storage.S3.RequestTimeout.TotalSeconds:0} s (LlmIngest:Storage:S3:RequestTimeout).");
            case AmazonClientException client:
                return new CliException(ExitCodes.StorageUnavailable, $"cannot use S3 at {Endpoint}: {client.Message}");
            default:
                return null;
        }
    }

    private CliException Unreachable(Exception e)
    {
        var root = e;
        while (root.InnerException is not null)
        {
            root = root.InnerException;
        }

        return new CliException(ExitCodes.StorageUnavailable, $"cannot reach S3 at {Endpoint} (bucket {Bucket}): {root.Message}");
    }

    public void Dispose()
    {
        _s3Store?.Dispose();
        if (_spoolDirectory is not null)
        {
            try
            {
                Directory.Delete(_spoolDirectory, recursive: true);
            }
            catch (IOException)
            {
                // an empty temp folder left behind is harmless
            }
        }
    }
}
