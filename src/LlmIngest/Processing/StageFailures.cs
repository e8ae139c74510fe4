using LlmIngest.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Processing;

/// <summary>Counts and logs the failure of an optional stage; the trace is still written.</summary>
internal sealed class StageFailures(IngestCounters counters, ILogger logger)
{
    public void Report(string stage, Exception exception, LlmTrace trace)
    {
        counters.OptionalStageFailure();
        IngestLog.OptionalStageFailed(logger, exception, stage, trace.TraceId, trace.SpanId);
    }
}
