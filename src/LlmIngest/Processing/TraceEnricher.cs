using LlmIngest.Capture;
using LlmIngest.Diagnostics;

namespace LlmIngest.Processing;

/// <summary>
/// The work the capture side deferred to the worker, each stage isolated: converting a captured chat exchange, costing,
/// suggesting fixes for an error, the session summary and the enclosing operations' totals. Sanitizing runs between
/// the conversion and the costing, so the costing and the totals only see representable numbers.
/// </summary>
internal sealed class TraceEnricher(PricingTable pricing, TraceSummaryCollector summary, IngestCounters counters, StageFailures failures)
{
    /// <summary>Enriches a model call's trace; returns the names of the fields the sanitizer changed, or null.</summary>
    public List<string>? Enrich(LlmTrace trace, DeferredCapture? deferred)
    {
        if (deferred?.Chat is { } exchange)
        {
            try
            {
                exchange.ApplyTo(trace);
            }
            catch (Exception e)
            {
                failures.Report("chat_conversion", e, trace);
            }
        }

        var sanitized = TraceSanitizer.Sanitize(trace, counters);
        try
        {
            pricing.Apply(trace);
        }
        catch (Exception e)
        {
            failures.Report("pricing", e, trace);
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
            failures.Report("error_diagnosis", e, trace);
        }

        try
        {
            summary.Add(trace);
        }
        catch (Exception e)
        {
            failures.Report("summary", e, trace);
        }

        // Queue order puts an operation's calls before its own line, so its totals are complete when that line comes.
        try
        {
            for (var operation = deferred?.Operation; operation is not null; operation = operation.Parent)
            {
                operation.Totals.Add(trace);
            }
        }
        catch (Exception e)
        {
            failures.Report("operation_totals", e, trace);
        }

        return sanitized;
    }
}
