using System.Globalization;
using System.Net;
using System.Text;
using LlmIngest.Cli.Analysis;

namespace LlmIngest.Cli.Report;

/// <summary>
/// Builds the self-contained HTML report: summary tiles, a per-model table, and server-drawn SVG charts (latency
/// distribution, calls and cost over time, errors by type) and the slowest calls with their trace ids. Inline CSS, no
/// script, nothing fetched: it opens the same offline, in a mail attachment or a CI artifact.
/// </summary>
internal static class HtmlReport
{
    private const int MaxBins = 40;

    public static string Build(LogAnalysis analysis, IReadOnlyList<FileInfo> files, string title, string? linkTemplate, DateTimeOffset generatedAt)
    {
        var total = analysis.Total(out var latencies);
        var groups = analysis.GroupSummaries();
        var buckets = analysis.TimeBuckets(out var size);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(E(title)).Append("</title><style>").Append(Css).Append("</style></head><body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">{files.Count} log file(s) · generated {generatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC by llmtrace report</p>\n");

        html.Append("<section class=\"tiles\">");
        Tile(html, "calls", total.Calls.ToString("N0", CultureInfo.InvariantCulture));
        Tile(html, "error rate", total.ErrorRate.ToString("P2", CultureInfo.InvariantCulture));
        Tile(html, "cost", "$" + total.CostUsd.ToString("0.00##", CultureInfo.InvariantCulture));
        Tile(html, "tokens in / out", $"{Compact(total.PromptTokens)} / {Compact(total.CompletionTokens)}");
        Tile(html, "latency p50", Ms(total.LatencyP50Ms));
        Tile(html, "p95", Ms(total.LatencyP95Ms));
        Tile(html, "p99", Ms(total.LatencyP99Ms));
        html.Append("</section>\n");

        html.Append("<h2>Latency distribution</h2>");
        html.Append(LatencyHistogram(latencies, total));

        var daily = size >= TimeSpan.FromDays(1);
        var unit = daily ? "day" : size >= TimeSpan.FromHours(1) ? "hour" : size.TotalMinutes == 1 ? "minute" : $"{size.TotalMinutes:0} minutes";
        var labelFormat = daily ? "yyyy-MM-dd" : size >= TimeSpan.FromHours(1) ? "MM-dd HH:00" : "HH:mm";
        var fullFormat = daily ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm";
        var calls = buckets.Select(b => new ChartPoint(
            b.Start.ToString(labelFormat, CultureInfo.InvariantCulture),
            b.Calls,
            string.Create(CultureInfo.InvariantCulture, $"{b.Start.ToString(fullFormat, CultureInfo.InvariantCulture)} UTC: {b.Calls:N0} calls, {b.Errors:N0} errors"))).ToList();
        var cost = buckets.Select(b => new ChartPoint(
            b.Start.ToString(labelFormat, CultureInfo.InvariantCulture),
            (double)b.CostUsd,
            string.Create(CultureInfo.InvariantCulture, $"{b.Start.ToString(fullFormat, CultureInfo.InvariantCulture)} UTC: ${b.CostUsd:0.0000}"))).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<h2>Calls per {unit} (UTC)</h2>");
        html.Append(SvgChart.Bars("calls-over-time", $"Calls per {unit}", calls, "#4c78a8", v => v.ToString("N0", CultureInfo.InvariantCulture)));
        html.Append(CultureInfo.InvariantCulture, $"<h2>Cost per {unit} (USD)</h2>");
        html.Append(SvgChart.Line("cost-over-time", $"Cost per {unit}", cost, "#f58518", v => "$" + v.ToString("0.####", CultureInfo.InvariantCulture)));

        html.Append("<h2>Errors by type</h2>");
        var errors = total.ErrorsByType.Select(e => new ChartPoint(e.Key, e.Value, string.Create(CultureInfo.InvariantCulture, $"{e.Key}: {e.Value:N0} ({(double)e.Value / Math.Max(1, total.Calls):P2} of calls)"))).ToList();
        html.Append(SvgChart.HorizontalBars("errors-by-type", "Errors by type", errors, "#e45756"));

        html.Append("<h2>By model</h2><table class=\"models\"><thead><tr><th>model</th><th>calls</th><th>tokens in</th><th>tokens out</th><th>cost $</th><th>mean ms</th><th>p50</th><th>p95</th><th>p99</th><th>errors</th></tr></thead><tbody>");
        foreach (var g in groups)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(g.Key)}</td><td>{g.Calls:N0}</td><td>{g.PromptTokens:N0}</td><td>{g.CompletionTokens:N0}</td><td>{g.CostUsd:0.0000}</td><td>{g.LatencyMeanMs:0}</td><td>{g.LatencyP50Ms:0}</td><td>{g.LatencyP95Ms:0}</td><td>{g.LatencyP99Ms:0}</td><td>{g.Errors:N0} ({g.ErrorRate:P1})</td></tr>");
        }

        html.Append("</tbody></table>\n");

        html.Append("<h2>Slowest calls</h2><table class=\"slow\"><thead><tr><th>latency</th><th>when (UTC)</th><th>model</th><th>function</th><th>outcome</th><th>trace id</th><th>fetch it</th></tr></thead><tbody>");
        foreach (var call in analysis.SlowestCalls())
        {
            var id = E(call.TraceId);
            var trace = linkTemplate is null
                ? $"<code>{id}</code>"
                : $"<a href=\"{E(linkTemplate.Replace("{trace_id}", Uri.EscapeDataString(call.TraceId), StringComparison.Ordinal).Replace("{tenant_id}", Uri.EscapeDataString(call.TenantId), StringComparison.Ordinal))}\"><code>{id}</code></a>";
            var command = $"llmtrace get {call.TraceId} --tenant {call.TenantId} --span {call.SpanId}";
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"slow-call\" id=\"trace-{id}-{E(call.SpanId)}\" data-trace-id=\"{id}\"><td>{Ms(call.LatencyMs)}</td><td>{call.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss}</td><td>{E(call.Model ?? "-")}</td><td>{E(call.FunctionName ?? "-")}</td><td>{E(call.ErrorType ?? "ok")}</td><td>{trace} step {call.Step}</td><td><code class=\"cmd\">{E(command)}</code></td></tr>");
        }

        html.Append("</tbody></table>\n</body></html>\n");
        return html.ToString();
    }

    private static string LatencyHistogram(double[] sorted, StatsSummary total)
    {
        if (sorted.Length == 0)
        {
            return SvgChart.Bars("latency-histogram", "Latency distribution", [], "#54a24b", v => v.ToString("N0", CultureInfo.InvariantCulture));
        }

        // Bins of a round width up to the p99; everything slower goes into one last bin, so one outlier cannot flatten the chart.
        var upper = total.LatencyP99Ms > 0 ? total.LatencyP99Ms : sorted[^1];
        var width = NiceWidth(Math.Max(upper, 1) / 30);
        var bins = Math.Clamp((int)Math.Ceiling(upper / width), 1, MaxBins);
        var overflow = sorted[^1] >= bins * width;
        var counts = new long[bins + (overflow ? 1 : 0)];
        foreach (var value in sorted)
        {
            var bin = (int)(value / width);
            counts[Math.Clamp(bin, 0, counts.Length - 1)]++;
        }

        var points = new List<ChartPoint>(counts.Length);
        for (var i = 0; i < counts.Length; i++)
        {
            var from = i * width;
            var isOverflow = overflow && i == counts.Length - 1;
            var label = isOverflow ? $"≥{from:0}" : from.ToString("0", CultureInfo.InvariantCulture);
            var tooltip = isOverflow
                ? string.Create(CultureInfo.InvariantCulture, $"≥ {from:0} ms (up to {sorted[^1]:0} ms): {counts[i]:N0} calls")
                : string.Create(CultureInfo.InvariantCulture, $"{from:0}–{from + width:0} ms: {counts[i]:N0} calls");
            points.Add(new ChartPoint(label, counts[i], tooltip));
        }

        var markers = new List<(double, string)>
        {
            (Math.Min(total.LatencyP50Ms / width, counts.Length), $"p50 {total.LatencyP50Ms:0} ms"),
            (Math.Min(total.LatencyP95Ms / width, counts.Length), $"p95 {total.LatencyP95Ms:0}"),
            (Math.Min(total.LatencyP99Ms / width, counts.Length), $"p99 {total.LatencyP99Ms:0}"),
        };
        return SvgChart.Bars("latency-histogram", "Latency distribution (ms)", points, "#54a24b", v => v.ToString("N0", CultureInfo.InvariantCulture), markers)
            + "<p class=\"note\">calls per latency bin (ms, bin start on the axis); dashed lines: percentiles</p>";
    }

    private static double NiceWidth(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var factor in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (factor * magnitude >= raw)
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static void Tile(StringBuilder html, string label, string value) =>
        html.Append("<div class=\"tile\"><div class=\"value\">").Append(E(value)).Append("</div><div class=\"label\">").Append(E(label)).Append("</div></div>");

    private static string Ms(double ms) => ms >= 10_000 ? (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s" : ms.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static string Compact(long n) => n >= 1_000_000 ? (n / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M" : n >= 10_000 ? (n / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k" : n.ToString("N0", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1000px;color:#222;padding:0 12px}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}.meta,.note{color:#666;font-size:12px;margin:2px 0}
        .tiles{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}.tile{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:80px}
        .tile .value{font-size:18px;font-weight:600}.tile .label{color:#666;font-size:12px}
        svg.chart{display:block;max-width:100%;height:auto;font-size:11px}svg text{fill:#444}svg .empty{fill:#999;font-size:14px}
        svg rect.dp:hover,svg circle.dp:hover{opacity:.7}
        table{border-collapse:collapse;width:100%;font-size:12px}th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:right}
        th:first-child,td:first-child{text-align:left}td{white-space:nowrap}td:last-child{white-space:normal}table.slow td:nth-child(n+3){text-align:left}code{font-size:11px}code.cmd{color:#555}
        """;
}
