using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Options;

namespace LlmIngest.Cli.Storage;

/// <summary>
/// The payload store a command reads, through the library's <see cref="LlmTracePayloadReader"/> (built and validated
/// exactly as the host builds its store), plus failures turned into messages that name the endpoint.
/// </summary>
internal sealed class PayloadStoreConnection : IDisposable
{
    private PayloadStoreConnection(LlmTracePayloadReader reader, StorageOptions storage)
    {
        Reader = reader;
        Storage = storage;
        Location = reader.Kind == PayloadStoreKind.S3
            ? $"bucket {storage.S3.Bucket}" + (string.IsNullOrWhiteSpace(storage.S3.ServiceUrl) ? string.Empty : $" at {storage.S3.ServiceUrl}")
            : $"the local folder {Path.GetFullPath(storage.Local.Directory)}";
    }

    public LlmTracePayloadReader Reader { get; }

    public StorageOptions Storage { get; }

    /// <summary>"bucket B at http://…" or "the local folder F", for messages.</summary>
    public string Location { get; }

    public string Endpoint => string.IsNullOrWhiteSpace(Storage.S3.ServiceUrl) ? $"AWS S3 ({Storage.S3.Region})" : Storage.S3.ServiceUrl!;

    public string Bucket => Storage.S3.Bucket!;

    public static PayloadStoreConnection Open(LlmTraceIngestOptions options)
    {
        try
        {
            return new PayloadStoreConnection(new LlmTracePayloadReader(options.Storage), options.Storage);
        }
        catch (OptionsValidationException e)
        {
            // The library's validator names configuration keys; say which flags set the store's location too.
            throw new CliException(ExitCodes.InvalidConfiguration,
                string.Join(" ", e.Failures) + " (--bucket, --endpoint and --payloads set the store's location on the command line.)");
        }
    }

    /// <summary>Throws unless the store is S3: for commands that work on the bucket itself.</summary>
    public void RequireS3()
    {
        if (Reader.Kind != PayloadStoreKind.S3)
        {
            throw new CliException(ExitCodes.InvalidConfiguration,
                $"this command needs an S3 payload store, but the configuration selects {Location} (set LlmIngest:Storage:S3:Bucket or --bucket).");
        }
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
            case AmazonS3Exception { StatusCode: HttpStatusCode.PreconditionFailed }:
                // An index segment read pinned to its listed ETag (If-Match) was rewritten in between.
                return new CliException(ExitCodes.StorageUnavailable, $"an object changed in bucket {Bucket} while it was read (ETag no longer matches); run the command again.");
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

    public void Dispose() => Reader.Dispose();
}
