using LlmIngest.Capture;
using LlmIngest.Diagnostics;
using LlmIngest.Queue;
using LlmIngest.Redaction;
using LlmIngest.Sampling;
using LlmIngest.Sinks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmIngest.Processing;

/// <summary>
/// Turns a batch of traces into payload objects and preview lines: prepare each (<see cref="TracePreparer"/>), store
/// with bounded parallelism (<see cref="PayloadUploader"/>), then append the lines in queue order with one flush
/// (<see cref="PreviewLineWriter"/>). Optional stages (chat conversion, pricing, diagnostics, the session summary, debug
/// output) are isolated: one that fails is logged and counted, and the trace is still written.
/// </summary>
internal sealed class TraceBatchProcessor : IDisposable
{
    private readonly TracePreparer _preparer;
    private readonly PayloadUploader _uploader;
    private readonly PreviewLineWriter _lines;
    private readonly IngestCounters _counters;
    private readonly ILogger _logger;
    private readonly int _maxConcurrency;
    private readonly IdentifierPseudonyms? _identifiers;
    private readonly TraceTelemetry? _telemetry;

    public TraceBatchProcessor(
        IRedactor redactor,
        IPayloadStore store,
        ITraceLogSink sink,
        IngestCounters counters,
        PricingTable pricing,
        TraceSummaryCollector summary,
        DebugTracePrinter debug,
        IOptions<RedactionOptions> redaction,
        IOptions<PreviewLogOptions> log,
        IOptions<StorageOptions> storage,
        IOptions<SamplingOptions> sampling,
        ILogger<TraceBatchProcessor> logger,
        TraceTelemetry? telemetry = null)
    {
        _telemetry = telemetry;
        _identifiers = IdentifierPseudonyms.Create(redaction.Value);
        var failures = new StageFailures(counters, logger);
        var settings = new PreparedTraceSettings(redaction.Value.RedactPayloads, log.Value.PreviewLength, storage.Value.Retention, storage.Value.MaxPayloadBytes);
        var media = new MediaOffloader(store, storage.Value.Media, counters, logger);
        _preparer = new TracePreparer(
            new TraceEnricher(pricing, summary, counters, failures),
            new TraceRedactor(redactor, _identifiers),
            store,
            counters,
            debug,
            failures,
            settings,
            new TraceSampler(sampling.Value),
            media);
        _uploader = new PayloadUploader(store, counters, logger, media);
        _lines = new PreviewLineWriter(sink, counters, logger);
        _counters = counters;
        _logger = logger;
        _maxConcurrency = storage.Value.MaxConcurrency;
    }

    public void Dispose() => _identifiers?.Dispose();

    public async Task ProcessAsync(IReadOnlyList<QueuedTrace> batch, CancellationToken cancellationToken)
    {
        var prepared = new List<PreparedTrace>(batch.Count);
        var origins = _telemetry is null ? null : new List<QueuedTrace>(batch.Count);
        var uploads = new List<Task>(batch.Count);
        var slots = new SemaphoreSlim(_maxConcurrency, _maxConcurrency);
        try
        {
            foreach (var queued in batch)
            {
                PreparedTrace? item;
                try
                {
                    item = _preparer.Prepare(queued);
                }
                catch (Exception e)
                {
                    IngestLog.TraceFailed(_logger, e, queued.Trace.TraceId, queued.Trace.SpanId);
                    _counters.TraceProcessed(succeeded: false);
                    _telemetry?.Failed(queued, e);
                    continue;
                }

                if (item is null)
                {
                    _counters.TraceProcessed(succeeded: true); // sampled out with nothing kept: done
                    _telemetry?.Prepared(queued, null);
                    continue;
                }

                prepared.Add(item);
                origins?.Add(queued);
                if (item.Payload is null)
                {
                    _telemetry?.Prepared(queued, item);
                    continue; // an operation's own line, or a sampled-out call's, has no payload
                }

                // Each upload starts as soon as its payload is ready, up to MaxConcurrency in flight: the next
                // payloads are redacted and serialized while the network is busy, instead of all of them before the
                // first upload (which left the connections idle for the CPU time of a whole batch).
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                uploads.Add(_uploader.StoreAsync(item, slots, cancellationToken));
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
                if (_telemetry is not null)
                {
                    CompleteSpans(batch, prepared, origins!);
                }
            }
        }

        var logged = await _lines.WriteAsync(prepared, cancellationToken).ConfigureAwait(false);
        foreach (var item in prepared)
        {
            _counters.TraceProcessed(logged && (item.Payload is null || item.Record.PayloadStored));
        }
    }

    /// <summary>Completes the spans of the uploaded calls, then stops any the batch did not reach (it was cut short).</summary>
    private void CompleteSpans(IReadOnlyList<QueuedTrace> batch, List<PreparedTrace> prepared, List<QueuedTrace> origins)
    {
        for (var i = 0; i < prepared.Count; i++)
        {
            if (prepared[i].Payload is not null)
            {
                _telemetry!.Stored(origins[i], prepared[i]);
            }
        }

        TraceTelemetry.Abandon(batch);
    }
}
