using System.CommandLine;
using System.Globalization;
using LlmIngest.Cli.Logs;
using LlmIngest.Cli.Output;
using LlmIngest.Cli.Storage;

namespace LlmIngest.Cli.Commands;

/// <summary>
/// <c>llmtrace get &lt;trace_id&gt; [--span ID] [--raw] [--out DIR] [--tenant T] [--log PATH…]</c>: fetches every payload
/// of a trace, verifies each one's SHA-256 (against its JSONL line with <c>--log</c>, and against the object's metadata
/// in S3) and prints the conversation in step order. A payload that fails verification is not printed; the command
/// says so loudly and exits with <see cref="ExitCodes.IntegrityFailure"/>. Given only the id, it finds the tenant by
/// probing the tenants of the fleet index in the bucket. The id may be copied from an OpenTelemetry UI or a
/// <c>traceparent</c> header (see <see cref="TraceIdInput"/>).
/// </summary>
internal static class GetCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var traceId = new Argument<string>("trace_id")
        {
            Description = "The trace id: 32 hex digits in any case as any OpenTelemetry UI shows it, or a W3C traceparent value "
                + "(00-<trace id>-<parent id>-<flags>, 'traceparent:' prefix allowed; its parent id is not used as a span filter: use --span), "
                + "or an id the application supplied, as it was supplied.",
        };
        var span = new Option<string?>("--span", "-s") { Description = "Only this span (one call) of the trace." };
        var raw = new Option<bool>("--raw") { Description = "Print each payload's stored JSON, one per line, instead of the readable conversation." };
        var outDirectory = new Option<DirectoryInfo?>("--out", "-o") { Description = "Also write each payload's exact bytes to DIR/{trace_id}/{step}-{span_id}.json, and each stored image, audio clip or file its messages reference to DIR/{trace_id}/{sha256}.{ext}, verified." };
        var logs = CliOptions.Logs();
        logs.Description = "JSONL logs to verify against (files or folders); without it payloads are checked against their object metadata.";
        var store = new StoreFlags();
        var command = new Command("get", "Fetch every call of a trace from the payload store, verified, in step order.") { traceId, span, raw, outDirectory, logs };
        store.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(error, () => RunAsync(
            new Request(parseResult.GetValue(traceId)!, parseResult.GetValue(span), parseResult.GetValue(raw), parseResult.GetValue(outDirectory), parseResult.GetValue(logs), parseResult.GetValue(store.Tenant)),
            store.Resolve(parseResult),
            output,
            error,
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(Request request, LlmTraceIngestOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var input = TraceIdInput.Parse(request.TraceId);
        request = request with { TraceId = input.TraceId };
        TraceTarget.ValidateIds(request.TraceId, request.SpanId, request.Tenant);
        using var connection = PayloadStoreConnection.Open(options);
        var (tenant, payloads, fromLines) = await FetchAsync(connection, request, options, cancellationToken).ConfigureAwait(false);
        if (payloads.Count == 0 && input.AsTyped is { } asTyped)
        {
            // The application may have supplied this id itself, in capitals: ids differing in case are distinct.
            var typed = request with { TraceId = asTyped };
            var (typedTenant, typedPayloads, typedFromLines) = await FetchAsync(connection, typed, options, cancellationToken).ConfigureAwait(false);
            if (typedPayloads.Count > 0)
            {
                (request, tenant, payloads, fromLines) = (typed, typedTenant, typedPayloads, typedFromLines);
            }
        }

        if (payloads.Count == 0)
        {
            var what = request.SpanId is null ? $"trace {request.TraceId}" : $"span {request.SpanId} of trace {request.TraceId}";
            var hint = request.Tenant is null && !fromLines ? " (pass --tenant, or --log so the tenant is read from the trace's JSONL line)" : string.Empty;
            throw new CliException(ExitCodes.NotFound, $"no payloads for {what} under tenant {tenant} in {connection.Location}{hint}.");
        }

        if (!request.Raw)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"trace {request.TraceId} · tenant {tenant} · {payloads.Count} call(s) · {connection.Location}")).ConfigureAwait(false);
        }

        var failed = 0;
        var media = request.OutDirectory is { } mediaFolder ? new MediaDownloader(connection, tenant, Path.Combine(mediaFolder.FullName, request.TraceId), error) : null;
        foreach (var item in payloads)
        {
            if (item.Problem is not null)
            {
                failed++;
                await output.WriteLineAsync($"── step {(item.Step == int.MaxValue ? "?" : item.Step.ToString(CultureInfo.InvariantCulture))} · span {item.SpanId} · NOT SHOWN: FAILED VERIFICATION").ConfigureAwait(false);
                await error.WriteLineAsync($"llmtrace: INTEGRITY FAILURE: payload {item.Key} {item.Problem}.").ConfigureAwait(false);
                continue;
            }

            if (request.Raw)
            {
                await output.WriteLineAsync(TerminalText.Safe(System.Text.Encoding.UTF8.GetString(item.Payload!.Content.Span), keepLineBreaks: true)).ConfigureAwait(false);
            }
            else
            {
                await output.WriteAsync(TerminalText.Safe(ConversationPrinter.Format(item.Trace!, item.SpanId, Verification(item)), keepLineBreaks: true)).ConfigureAwait(false);
            }

            if (request.OutDirectory is { } folder)
            {
                var path = Path.Combine(folder.FullName, request.TraceId, string.Create(CultureInfo.InvariantCulture, $"{item.Step:D3}-{item.SpanId}.json"));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, item.Payload!.Content, cancellationToken).ConfigureAwait(false);
                await media!.WriteAsync(item.Trace!, cancellationToken).ConfigureAwait(false);
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (request.OutDirectory is { } written)
        {
            await error.WriteLineAsync($"llmtrace: wrote {payloads.Count - failed} payload(s) to {Path.Combine(written.FullName, request.TraceId)}").ConfigureAwait(false);
        }

        if (media is { Failed: > 0 })
        {
            await error.WriteLineAsync($"llmtrace: {media.Failed} media object(s) of trace {request.TraceId} could not be written (see above).").ConfigureAwait(false);
            return failed > 0 || media.Tampered > 0 ? ExitCodes.IntegrityFailure : ExitCodes.NotFound;
        }

        if (failed > 0)
        {
            await error.WriteLineAsync($"llmtrace: INTEGRITY FAILURE: {failed} of {payloads.Count} payload(s) of trace {request.TraceId} failed verification; they may have been tampered with.").ConfigureAwait(false);
            return ExitCodes.IntegrityFailure;
        }

        return ExitCodes.Ok;
    }

    private static async Task<(string Tenant, List<FetchedPayload> Payloads, bool FromLines)> FetchAsync(PayloadStoreConnection connection, Request request, LlmTraceIngestOptions options, CancellationToken cancellationToken)
    {
        var lines = request.Logs is { Length: > 0 } paths
            ? TraceLines.Find(LogFiles.Resolve(paths, options.Log.Directory), request.TraceId, cancellationToken)
            : [];
        var tenant = request.Tenant is null && lines.Count == 0 && connection.Reader.HasFleetIndex
            ? await ProbeTenantAsync(connection, request.TraceId, cancellationToken).ConfigureAwait(false) ?? TraceTarget.Tenant(null, lines, options)
            : TraceTarget.Tenant(request.Tenant, lines, options);
        var payloads = await TraceFetcher.FetchAsync(connection, tenant, request.TraceId, request.SpanId, TraceLines.BySpan(lines, tenant), cancellationToken).ConfigureAwait(false);
        return (tenant, payloads, lines.Count > 0);
    }

    /// <summary>With only the id: the first tenant of the fleet index that holds objects of the trace, or null.</summary>
    private static async Task<string?> ProbeTenantAsync(PayloadStoreConnection connection, string traceId, CancellationToken cancellationToken)
    {
        var tenants = await connection.CallAsync(ct => connection.Reader.ListTenantsAsync(ct), cancellationToken).ConfigureAwait(false);
        foreach (var tenant in tenants)
        {
            var spans = await connection.CallAsync(ct => connection.Reader.ListSpanIdsAsync(tenant, traceId, ct), cancellationToken).ConfigureAwait(false);
            if (spans.Count > 0)
            {
                return tenant;
            }
        }

        return null;
    }

    private static string Verification(FetchedPayload item) => item.VerifiedBy.Length > 0
        ? $"verified: sha256 {item.Payload!.Sha256[..16]}… matches the {item.VerifiedBy}"
        : $"not verified: the local folder keeps no hash; pass --log to check sha256 {item.Payload!.Sha256[..16]}… against the JSONL line";

    private sealed record Request(string TraceId, string? SpanId, bool Raw, DirectoryInfo? OutDirectory, string[]? Logs, string? Tenant);
}
