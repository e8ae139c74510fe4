using System.CommandLine;
using LlmIngest.Cli.Storage;

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
        var traceId = new Argument<string>("trace_id") { Description = "The trace id: 32 hex digits in any case, a W3C traceparent value, or an id the application supplied." };
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

    private static async Task<int> RunAsync(string typedId, TimeSpan expiry, string? tenantFlag, LlmTraceIngestOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // The same id forms as `get`: any case, or a traceparent value (see TraceIdInput).
        var input = TraceIdInput.Parse(typedId);
        var traceId = input.TraceId;
        TraceTarget.ValidateIds(traceId, null, tenantFlag);
        if (expiry <= TimeSpan.Zero || expiry > MaxExpiry)
        {
            throw new CliException(ExitCodes.Usage, "--expires must be more than 0 and at most 7 days (the S3 limit for presigned URLs).");
        }

        var tenant = TraceTarget.Tenant(tenantFlag, [], options);
        using var connection = PayloadStoreConnection.Open(options);
        connection.RequireS3();
        var until = DateTime.UtcNow + expiry;
        var urls = await connection.CallAsync(ct => connection.Reader.CreateDownloadUrlsAsync(tenant, traceId, until, ct), cancellationToken).ConfigureAwait(false);
        if (urls.Count == 0 && input.AsTyped is { } asTyped)
        {
            // An id the application supplied itself, in capitals: ids differing in case are distinct.
            traceId = asTyped;
            urls = await connection.CallAsync(ct => connection.Reader.CreateDownloadUrlsAsync(tenant, traceId, until, ct), cancellationToken).ConfigureAwait(false);
        }

        if (urls.Count == 0)
        {
            throw new CliException(ExitCodes.NotFound, $"no payloads for trace {traceId} under tenant {tenant} in {connection.Location}.");
        }

        foreach (var url in urls)
        {
            await output.WriteLineAsync($"{url.Key}\t{url.Url.OriginalString}").ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await error.WriteLineAsync($"llmtrace: {urls.Count} URL(s), valid until {until:yyyy-MM-dd HH:mm:ss}Z; bodies are gzip (Content-Encoding: gzip), their SHA-256 is in the x-amz-meta-sha256 header.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
