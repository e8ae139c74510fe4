using LlmIngest.Cli.Logs;
using LlmIngest.Cli.Storage;
using LlmIngest.Storage;

namespace LlmIngest.Cli.Fleet;

/// <summary>
/// Where a command's JSONL lines come from: <c>--log</c> given → those files, as always; no <c>--log</c> and an S3 store
/// configured → the fleet index in the bucket (through the cache); otherwise the local <c>LlmIngest:Log:Directory</c>.
/// A bucket that holds no index yet (no host ships one) falls back to the local directory when it exists.
/// </summary>
internal static class LogSource
{
    public static async Task<LogFileSet> ResolveAsync(
        string[]? logPaths, LlmTraceIngestOptions options, string? cacheFlag, FleetQuery query, TextWriter error, string verb, CancellationToken cancellationToken)
    {
        if (logPaths is { Length: > 0 } || !SelectsS3(options.Storage))
        {
            return new LogFileSet(LogFiles.Resolve(logPaths, options.Log.Directory), null);
        }

        if (query.TenantId is { } tenant && !LlmTracePayloadReader.IsValidTenantId(tenant))
        {
            throw new CliException(ExitCodes.Usage, $"'{tenant}' is not a tenant id: 1-64 characters of [A-Za-z0-9._-] starting with a letter or digit.");
        }

        using var connection = PayloadStoreConnection.Open(options);
        var s3 = options.Storage.S3;
        var cache = new IndexCache(IndexCache.ResolveRoot(cacheFlag, Environment.GetEnvironmentVariable), IndexCache.StoreFolder(s3.ServiceUrl, s3.Bucket!, s3.Prefix));
        var fleet = new FleetIndex(connection, cache, DownloadProgress.ForTerminal(error, verb));
        if ((await fleet.ListTenantsAsync(cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            if (Directory.Exists(options.Log.Directory))
            {
                return new LogFileSet(LogFiles.Resolve(null, options.Log.Directory), $"{connection.Location} holds no fleet index; read the local {Path.GetFullPath(options.Log.Directory)} instead.");
            }

            return new LogFileSet([], $"{connection.Location} holds no fleet index (no _index/ segments) and there is no local log directory.");
        }

        var files = await fleet.FetchAsync(query, cancellationToken).ConfigureAwait(false);
        return new LogFileSet(files, fleet.Describe());
    }

    /// <summary>The store kind as the public docs of <see cref="PayloadStoreKind.Auto"/> resolve it: S3 when a bucket or endpoint is set.</summary>
    private static bool SelectsS3(StorageOptions storage) => storage.Kind switch
    {
        PayloadStoreKind.S3 => true,
        PayloadStoreKind.Auto => !string.IsNullOrWhiteSpace(storage.S3.Bucket) || !string.IsNullOrWhiteSpace(storage.S3.ServiceUrl),
        _ => false,
    };
}
