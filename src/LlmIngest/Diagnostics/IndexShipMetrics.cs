using System.Diagnostics.Metrics;

namespace LlmIngest.Diagnostics;

/// <summary>Index shipping's instruments on the <c>LlmIngest</c> meter: segments and lines shipped, failures, backlog.</summary>
internal sealed class IndexShipMetrics
{
    private readonly Counter<long> _segments;
    private readonly Counter<long> _lines;
    private readonly Counter<long> _failures;
    private readonly Meter _meter;

    public IndexShipMetrics(IMeterFactory meterFactory)
    {
        var meter = _meter = meterFactory.Create(IngestMetrics.MeterName);
        _segments = meter.CreateCounter<long>("llmingest.index.segments_shipped", "{segment}", "Index segments stored in the bucket or its spool.");
        _lines = meter.CreateCounter<long>("llmingest.index.lines_shipped", "{line}", "Index lines shipped in segments.");
        _failures = meter.CreateCounter<long>("llmingest.index.ship_failures", "{failure}", "Index cuts that could not be shipped (retried at the next interval).");
    }

    /// <summary>Publishes the lines written locally and not yet shipped as an observable gauge.</summary>
    public void ObserveBacklog(Func<long> lines) =>
        _meter.CreateObservableGauge("llmingest.index.backlog_lines", lines, "{line}", "Index lines in the local log not yet shipped.");

    public void Shipped(int lines)
    {
        _segments.Add(1);
        _lines.Add(lines);
    }

    public void Failed() => _failures.Add(1);
}
