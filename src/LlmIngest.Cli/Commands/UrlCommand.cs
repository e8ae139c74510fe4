using System.CommandLine;
using Amazon.S3;
using Amazon.S3.Model;
using LlmIngest.Cli.Storage;
using LlmIngest.Storage;

namespace LlmIngest.Cli.Commands;

/// <summary>
/// <c>llmtrace url &lt;trace_id&gt; [--expires 15m] [--tenant T]</c>: presigned, time-limited GET URLs for every object of a
/// trace, one <c>key url</c> pair per line, so someone without credentials can fetch them (the bodies are gzip).
/// </summary>
internal static class UrlCommand
{
    private static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(7);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var traceId = new Argument<string>("trace_id") { Description = "The trace id." };
        var expires = new Option<string>("--expires", "-e") { Description = "How long the URLs work: 90s, 15m, 2h, up to 7d. Default 15m.", DefaultValueFactory = _ => "15m" };
        var store = new StoreFlags();
        var command = new Command("url", "Presigned GET URLs for a trace's objects in S3.") { traceId, expires };
        store.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(error, () => RunAsync(
            parseResult.GetValue(traceId)!,
            DurationText.ParseDuration(parseResult.GetValue(expires)!, "--expires"),
            parseResult.GetValue(store.Tenant),
            store.Resolve(parseResult),
            output,
            error,
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string traceId, TimeSpan expiry, string? tenantFlag, LlmTraceIngestOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        TraceTarget.ValidateIds(traceId, null, tenantFlag);
        if (expiry <= TimeSpan.Zero || expiry > MaxExpiry)
        {
            throw new CliException(ExitCodes.Usage, "--expires must be more than 0 and at most 7 days (the S3 limit for presigned URLs).");
        }

        var tenant = TraceTarget.Tenant(tenantFlag, [], options);
        using var connection = PayloadStoreConnection.Open(options);
        var s3 = connection.S3;
        var prefix = PayloadKeys.ForTrace(options.Storage.S3.Prefix, tenant, traceId);
        var keys = await connection.CallAsync(ct => connection.ListKeysAsync(prefix, ct), cancellationToken).ConfigureAwait(false);
        if (keys.Count == 0)
        {
            throw new CliException(ExitCodes.NotFound, $"no payloads for trace {traceId} under tenant {tenant} in {connection.Location}.");
        }

        var plainHttp = options.Storage.S3.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true;
        var until = DateTime.UtcNow + expiry;
        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = connection.Bucket,
                Key = key,
                Verb = HttpVerb.GET,
                Expires = until,

                // The SDK builds https URLs unless told otherwise; a plain-HTTP endpoint (MinIO, Ceph on loopback) needs http.
                Protocol = plainHttp ? Protocol.HTTP : Protocol.HTTPS,
            }).ConfigureAwait(false);
            await output.WriteLineAsync($"{key}\t{url}").ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await error.WriteLineAsync($"llmtrace: {keys.Count} URL(s), valid until {until:yyyy-MM-dd HH:mm:ss}Z; bodies are gzip (Content-Encoding: gzip), their SHA-256 is in the x-amz-meta-sha256 header.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
