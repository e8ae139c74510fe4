using LlmIngest.Diagnostics;
using LlmIngest.Sinks;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Processing;

/// <summary>Appends a batch's preview lines to the trace log in queue order with one flush, counting what was (not) written.</summary>
internal sealed class PreviewLineWriter(ITraceLogSink sink, IngestCounters counters, ILogger logger)
{
    /// <summary>Writes the lines of <paramref name="prepared"/>; false when they could not be written (counted and logged).</summary>
    public async Task<bool> WriteAsync(List<PreparedTrace> prepared, CancellationToken cancellationToken)
    {
        var records = new LlmTraceLogLine[prepared.Count];
        for (var i = 0; i < prepared.Count; i++)
        {
            records[i] = prepared[i].Record;
        }

        try
        {
            await sink.WriteBatchAsync(records, cancellationToken).ConfigureAwait(false);
            counters.LogLinesWrittenAdd(records.Length);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            counters.LogLinesFailedAdd(records.Length);
            IngestLog.LogWriteFailed(logger, e, records.Length, sink.Description);
            return false;
        }
    }
}
