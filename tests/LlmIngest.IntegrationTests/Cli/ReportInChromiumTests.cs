using System.Globalization;
using System.Text.RegularExpressions;
using LlmIngest.IntegrationTests.Support;
using Xunit.Abstractions;

namespace LlmIngest.IntegrationTests.Cli;

/// <summary>
/// <c>llmtrace report</c> rendered by headless Chromium (Debian package <c>chromium</c>): the rendered DOM must hold
/// every chart with one element per data point and values that add up to the logs, and a screenshot is taken. A
/// missing Chromium fails the test (it never skips).
/// </summary>
public sealed partial class ReportInChromiumTests(ITestOutputHelper output) : IDisposable
{
    private const int Calls = 20_000;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Report_RenderedByHeadlessChromium_DrawsEveryChartWithItsDataPoints()
    {
        var chromium = ChromiumBrowser.Find();
        var records = new List<LlmTraceLogLine>();
        var start = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

        // Two days of calls, one every 8.64 s: 48 hourly buckets.
        SyntheticTraceLog.Write(_folder.Combine("traces-20261121.jsonl"), Calls, seed: 3, start, TimeSpan.FromSeconds(8.64), records.Add);
        var report = _folder.Combine("report.html");
        var result = await LlmTraceCli.RunAsync("report", "--out", report, "--log", _folder.Path, "--title", "Support bot, last two days");
        Assert.True(result.ExitCode == 0, result.ToString());

        var dom = await RunChromiumAsync(chromium, "--dump-dom", new Uri(report).AbsoluteUri);
        var screenshot = _folder.Combine("report.png");
        await RunChromiumAsync(chromium, $"--screenshot={screenshot}", "--window-size=1100,2600", new Uri(report).AbsoluteUri);
        var keep = Path.Combine(Path.GetTempPath(), "llmtrace-report-screenshot.png");
        File.Copy(screenshot, keep, overwrite: true);
        output.WriteLine($"screenshot: {keep} ({new FileInfo(keep).Length:N0} bytes); rendered DOM {dom.Length:N0} characters");

        Assert.Contains("<h1>Support bot, last two days</h1>", dom, StringComparison.Ordinal);

        var histogram = Chart(dom, "latency-histogram");
        Assert.InRange(histogram.Count, 10, 41);
        Assert.Equal(Calls, histogram.Sum());

        var hours = records.Select(r => r.Timestamp.UtcDateTime).Select(t => new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc)).Distinct().Count();
        var calls = Chart(dom, "calls-over-time");
        Assert.Equal(hours, calls.Count);
        Assert.Equal(Calls, calls.Sum());

        var cost = Chart(dom, "cost-over-time", "circle");
        Assert.Equal(hours, cost.Count);
        Assert.Equal((double)records.Sum(r => r.CostUsd ?? 0), cost.Sum(), 6);

        var errors = Chart(dom, "errors-by-type");
        var expectedErrors = records.Where(r => r.Error is not null).GroupBy(r => r.ErrorType ?? "unknown").Select(g => (double)g.Count()).OrderDescending().ToList();
        Assert.Equal(expectedErrors, errors);

        var slowRows = SlowRow().Matches(dom).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(20, slowRows.Count);
        Assert.Equal(records.MaxBy(r => r.LatencyMs)!.TraceId, slowRows[0]);

        Assert.True(new FileInfo(screenshot).Length > 20_000, "the screenshot is suspiciously small");
    }

    private static List<double> Chart(string dom, string id, string element = "rect")
    {
        var match = Regex.Match(dom, $"<svg[^>]*id=\"{id}\"[^>]*>(.*?)</svg>", RegexOptions.Singleline, TimeSpan.FromSeconds(5));
        Assert.True(match.Success, $"chart {id} is not in the rendered DOM");
        Assert.DoesNotContain(">no data<", match.Value, StringComparison.Ordinal);
        return Regex.Matches(match.Groups[1].Value, $"<{element} class=\"dp[^\"]*\" data-value=\"([0-9.E+-]+)\"", RegexOptions.None, TimeSpan.FromSeconds(5))
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToList();
    }

    private async Task<string> RunChromiumAsync(string chromium, params string[] arguments)
    {
        var profile = _folder.Combine("chromium-profile-" + Guid.NewGuid().ToString("N"));
        string[] flags =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", $"--user-data-dir={profile}",
        ];
        var result = await ExternalCommand.RunAsync(chromium, [.. flags, .. arguments], TimeSpan.FromSeconds(90));
        Assert.True(result.Succeeded, $"{chromium} exited with {result.ExitCode}: {result.ErrorTail()}");
        return result.StandardOutput;
    }

    [GeneratedRegex("<tr class=\"slow-call\"[^>]*data-trace-id=\"([0-9a-f]+)\"")]
    private static partial Regex SlowRow();
}
