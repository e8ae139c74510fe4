using System.Security.Cryptography;
using System.Text.Json;
using LlmIngest.Capture;
using LlmIngest.Diagnostics;
using LlmIngest.Redaction;
using LlmIngest.Sinks;
using LlmIngest.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmIngest.Hosting;

/// <summary>
/// Turns a batch of traces into payload objects and preview lines: redact, serialize, hash, store with bounded
/// parallelism, then append the lines in queue order with one flush. Optional stages (chat conversion, pricing,
/// diagnostics, the session summary, debug output) are isolated: one that fails is logged and counted, and the trace is
/// still written. A trace whose ids already hold a different payload is stored under a distinct key its line points to.
/// </summary>
internal sealed class TraceBatchProcessor : IDisposable
{
    private readonly TraceRedactor _redactor;
    private readonly IPayloadStore _store;
    private readonly ITraceLogSink _sink;
    private readonly IngestCounters _counters;
    private readonly ILogger _logger;
    private readonly bool _redactPayloads;
    private readonly int _previewLength;
    private readonly int _maxConcurrency;
    private readonly RetentionOptions _retention;
    private readonly PricingTable _pricing;
    private readonly TraceSummaryCollector _summary;
    private readonly DebugTracePrinter _debug;
    private readonly IdentifierPseudonyms? _identifiers;

    public TraceBatchProcessor(
        IRedactor redactor,
        IPayloadStore store,
        ITraceLogSink sink,
        IngestCounters counters,
        PricingTable pricing,
        TraceSummaryCollector summary,
        DebugTracePrinter debug,
        IOptions<LlmTraceIngestOptions> options,
        ILogger<TraceBatchProcessor> logger)
    {
        _pricing = pricing;
        _summary = summary;
        _debug = debug;
        _identifiers = IdentifierPseudonyms.Create(options.Value.Redaction);
        _redactor = new TraceRedactor(redactor, _identifiers);
        _store = store;
        _sink = sink;
        _counters = counters;
        _logger = logger;
        _redactPayloads = options.Value.Redaction.RedactPayloads;
        _previewLength = options.Value.Log.PreviewLength;
        _maxConcurrency = options.Value.Storage.MaxConcurrency;
        _retention = options.Value.Storage.Retention;
    }

    public void Dispose() => _identifiers?.Dispose();

    public async Task ProcessAsync(IReadOnlyList<LlmTrace> batch, CancellationToken cancellationToken)
    {
        var prepared = new List<PreparedTrace>(batch.Count);
        var uploads = new List<Task>(batch.Count);
        var slots = new SemaphoreSlim(_maxConcurrency, _maxConcurrency);
        try
        {
            foreach (var trace in batch)
            {
                PreparedTrace item;
                try
                {
                    item = Prepare(trace);
                }
                catch (Exception e)
                {
                    IngestLog.TraceFailed(_logger, e, trace.TraceId, trace.SpanId);
                    _counters.TraceProcessed(succeeded: false);
                    continue;
                }

                prepared.Add(item);
                if (item.Payload is null)
                {
                    continue; // an operation's own line has no payload
                }

                // Each upload starts as soon as its payload is ready, up to MaxConcurrency in flight: the next
                // payloads are redacted and serialized while the network is busy, instead of all of them before the
                // first upload (which left the connections idle for the CPU time of a whole batch).
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                uploads.Add(StoreAsync(item, slots, cancellationToken));
            }
        }
        finally
        {
            // The batch's lines are written once every upload has finished (payload_stored is known), and no upload
            // outlives the batch, even when it is cancelled.
            try
            {
                await Task.WhenAll(uploads).ConfigureAwait(false);
            }
            finally
            {
                slots.Dispose();
            }
        }

        var records = new LlmTraceLogLine[prepared.Count];
        for (var i = 0; i < prepared.Count; i++)
        {
            records[i] = prepared[i].Record;
        }

        var logged = true;
        try
        {
            await _sink.WriteBatchAsync(records, cancellationToken).ConfigureAwait(false);
            _counters.LogLinesWrittenAdd(records.Length);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logged = false;
            _counters.LogLinesFailedAdd(records.Length);
            IngestLog.LogWriteFailed(_logger, e, records.Length, _sink.Description);
        }

        foreach (var item in prepared)
        {
            _counters.TraceProcessed(logged && (item.Payload is null || item.Record.PayloadStored));
        }
    }

    private PreparedTrace Prepare(LlmTrace trace)
    {
        if (trace.OperationTotals is { } totals)
        {
            return PrepareOperation(trace, totals);
        }

        // Work the capture side deferred: converting a captured chat exchange, costing, diagnosing.
        if (trace.PendingChat is { } exchange)
        {
            trace.PendingChat = null;
            try
            {
                exchange.ApplyTo(trace);
            }
            catch (Exception e)
            {
                StageFailed("chat_conversion", e, trace);
            }
        }

        var sanitized = TraceSanitizer.Sanitize(trace, _counters);
        try
        {
            _pricing.Apply(trace);
        }
        catch (Exception e)
        {
            StageFailed("pricing", e, trace);
        }

        try
        {
            if (trace.Error is not null && trace.ErrorSuggestions is null)
            {
                trace.ErrorSuggestions = ErrorClassifier.SuggestionsFor(trace.ErrorType, trace.Error);
            }
        }
        catch (Exception e)
        {
            StageFailed("error_diagnosis", e, trace);
        }

        try
        {
            _summary.Add(trace);
        }
        catch (Exception e)
        {
            StageFailed("summary", e, trace);
        }

        // Queue order puts an operation's calls before its own line, so its totals are complete when that line comes.
        try
        {
            for (var operation = trace.InOperation; operation is not null; operation = operation.Parent)
            {
                operation.Totals.Add(trace);
            }
        }
        catch (Exception e)
        {
            StageFailed("operation_totals", e, trace);
        }

        trace.InOperation = null;

        var counts = new RedactionCounts();
        byte[]? content = null;
        if (!_redactPayloads)
        {
            content = JsonSerializer.SerializeToUtf8Bytes(trace, LlmIngestJsonContext.Relaxed.LlmTrace);
        }

        // Previews, tags and the error in the preview line are always redacted.
        _redactor.Redact(trace, counts);
        content ??= JsonSerializer.SerializeToUtf8Bytes(trace, LlmIngestJsonContext.Relaxed.LlmTrace);
        try
        {
            _debug.Print(trace);
        }
        catch (Exception e)
        {
            StageFailed("debug_output", e, trace);
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var key = _store.GetKey(trace.TenantId!, trace.TraceId!, trace.SpanId!);
        var output = trace.Response ?? PreviewText.LastContent(trace.ResponseMessages);
        var record = PreviewLine.For(
            trace,
            PreviewText.Cut(PreviewText.LastUserContent(trace.Messages), _previewLength),
            PreviewText.Cut(output, _previewLength),
            counts.ByKind,
            key,
            sha256,
            content.Length);
        record.Sanitized = sanitized;

        var payload = new PayloadObject
        {
            Key = key,
            Content = content,
            Sha256 = sha256,
            TenantId = trace.TenantId!,
            TraceId = trace.TraceId!,
            SpanId = trace.SpanId!,
            Step = trace.Step,
            SessionId = trace.SessionId,
            Model = trace.Model,
            RetentionClass = trace.Error is null ? _retention.DefaultClass : _retention.ErrorClass,
        };
        return new PreparedTrace(payload, record);
    }

    /// <summary>An operation's own line: its calls' totals, no payload, not a call (the session summary skips it).</summary>
    private PreparedTrace PrepareOperation(LlmTrace trace, OperationTally totals)
    {
        trace.OperationTotals = null;
        totals.ApplyTo(trace);
        TraceSanitizer.Sanitize(trace, _counters);
        _redactor.Redact(trace, new RedactionCounts());
        var record = PreviewLine.For(trace, null, null, null, string.Empty, string.Empty, 0);
        record.Calls = totals.Calls;
        record.Errors = totals.Errors;
        return new PreparedTrace(null, record);
    }

    private async Task StoreAsync(PreparedTrace item, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        var payload = item.Payload!;
        try
        {
            try
            {
                await _store.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
            }
            catch (PayloadConflictException)
            {
                // Its ids were recorded before with different content: that payload stays, this one goes next to it
                // under its content-named key (a retry of the same content lands on the same key), and the line says so.
                payload = WithKey(payload, PayloadKeys.ForDuplicate(payload.Key, payload.Sha256));
                await _store.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
                item.Record.DuplicateOf = item.Record.PayloadKey;
                item.Record.PayloadKey = payload.Key;
                _counters.DuplicateId();
                IngestLog.DuplicateIds(_logger, payload.TenantId, payload.TraceId, payload.SpanId, payload.Key);
            }

            item.Record.PayloadStored = true;
            _counters.PayloadStored(payload.Content.Length);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _counters.PayloadFailed();
            IngestLog.PayloadWriteFailed(_logger, e, payload.Key);
        }
        finally
        {
            slots.Release();
        }
    }

    private static PayloadObject WithKey(PayloadObject payload, string key) => new()
    {
        Key = key,
        Content = payload.Content,
        Sha256 = payload.Sha256,
        TenantId = payload.TenantId,
        TraceId = payload.TraceId,
        SpanId = payload.SpanId,
        Step = payload.Step,
        SessionId = payload.SessionId,
        Model = payload.Model,
        RetentionClass = payload.RetentionClass,
    };

    private void StageFailed(string stage, Exception exception, LlmTrace trace)
    {
        _counters.OptionalStageFailure();
        IngestLog.OptionalStageFailed(_logger, exception, stage, trace.TraceId, trace.SpanId);
    }

    private sealed record PreparedTrace(PayloadObject? Payload, LlmTraceLogLine Record);
}
