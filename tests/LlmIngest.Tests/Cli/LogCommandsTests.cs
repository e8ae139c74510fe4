using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using LlmIngest.Cli;

namespace LlmIngest.Tests.Cli;

/// <summary><c>llmtrace find</c>, <c>stats</c> and <c>sql</c> over a small synthetic log: one plain file and one rolled, gzipped file.</summary>
public sealed class LogCommandsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 22, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly List<LlmTraceLogLine> _records = [];
    private readonly List<string> _lines = [];

    public LogCommandsTests()
    {
        // 1,500 calls one minute apart: the first 1,000 in a rolled .gz file, the rest in today's plain file.
        SyntheticTraceLog.Write(_folder.Combine("traces-20261120.jsonl.gz"), 1_000, seed: 7, Start, TimeSpan.FromMinutes(1), _records.Add);
        SyntheticTraceLog.Write(_folder.Combine("traces-20261121.jsonl"), 500, seed: 8, Start, TimeSpan.FromMinutes(1), _records.Add, firstIndex: 1_000);
        using (var gz = new StreamReader(new GZipStream(File.OpenRead(_folder.Combine("traces-20261120.jsonl.gz")), CompressionMode.Decompress)))
        {
            _lines.AddRange(gz.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        _lines.AddRange(File.ReadAllLines(_folder.Combine("traces-20261121.jsonl")));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Find_WithErrorTypeModelAndTag_PrintsExactlyTheMatchingLinesAsLogged_AcrossGzipAndPlainFiles()
    {
        var result = await LlmTraceCli.RunAsync("find", "--log", _folder.Path, "--error", "rate_limit", "--model", "gpt-4o*", "--tag", "even", "--json");

        Assert.Equal(0, result.ExitCode);
        var expected = _lines.Where((_, i) => _records[i].ErrorType == "rate_limit" && _records[i].Model!.StartsWith("gpt-4o", StringComparison.Ordinal) && _records[i].Tags!.Contains("even")).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{expected.Count} matching call(s) in 1500 line(s) of 2 file(s)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_WithErrorAloneSinceUntilAndMinLatency_AppliesEveryFilter()
    {
        var since = Start.AddHours(3);
        var until = Start.AddHours(20);
        var result = await LlmTraceCli.RunAsync(
            "find", "--log", _folder.Path, "--error", "--min-latency", "1000", "--since", since.ToString("O", CultureInfo.InvariantCulture), "--until", until.ToString("O", CultureInfo.InvariantCulture), "--json");

        Assert.Equal(0, result.ExitCode);
        var expected = _records.Where(r => r.Error is not null && r.LatencyMs >= 1000 && r.Timestamp >= since && r.Timestamp < until).Select(r => r.SpanId).ToList();
        Assert.NotEmpty(expected);
        var found = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("span_id").GetString()!).ToList();
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task Find_AsATable_ShowsOneRowPerMatchWithTraceIdAndOutcome()
    {
        var session = _records[42].SessionId!;
        var result = await LlmTraceCli.RunAsync("find", "--log", _folder.Path, "--session", session);

        Assert.Equal(0, result.ExitCode);
        var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = _records.Where(r => r.SessionId == session).ToList();
        Assert.Equal(expected.Count + 1, rows.Length);
        Assert.StartsWith("timestamp", rows[0], StringComparison.Ordinal);
        Assert.Contains(_records[42].TraceId, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_Json_MatchesFiguresComputedFromTheRecords()
    {
        var result = await LlmTraceCli.RunAsync("stats", "--log", _folder.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        Assert.Equal("model", root.GetProperty("by").GetString());
        Assert.Equal(1500, root.GetProperty("lines").GetInt64());
        var total = root.GetProperty("total");
        Assert.Equal(_records.Count, total.GetProperty("calls").GetInt64());
        Assert.Equal(_records.Sum(r => (long)r.PromptTokens!), total.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(_records.Sum(r => r.CostUsd ?? 0), total.GetProperty("cost_usd").GetDecimal());
        var sorted = _records.Select(r => r.LatencyMs).Order().ToArray();
        Assert.Equal(sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1], total.GetProperty("latency_p95_ms").GetDouble());
        Assert.Equal(_records.Count(r => r.ErrorType == "rate_limit"), total.GetProperty("errors_by_type").GetProperty("rate_limit").GetInt64());
        Assert.Equal(_records.Count(r => r.Error is not null && r.ErrorType is null), total.GetProperty("errors_by_type").GetProperty("unknown").GetInt64());

        var groups = root.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!, g => g.GetProperty("calls").GetInt64());
        Assert.Equal(_records.GroupBy(r => r.Model!).ToDictionary(g => g.Key, g => (long)g.Count()), groups);
    }

    [Fact]
    public async Task Stats_ByDay_GroupsByUtcDateInDateOrder()
    {
        var result = await LlmTraceCli.RunAsync("stats", "--log", _folder.Path, "--by", "day", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var days = document.RootElement.GetProperty("groups").EnumerateArray().Select(g => (g.GetProperty("key").GetString()!, g.GetProperty("calls").GetInt64())).ToList();
        var expected = _records.GroupBy(r => r.Timestamp.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count())).ToList();
        Assert.Equal(expected, days);
    }

    [Fact]
    public async Task Stats_AsText_PrintsATableWithATotalRow()
    {
        var result = await LlmTraceCli.RunAsync("stats", "--log", _folder.Path, "--by", "function");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1,500 calls in 2 file(s)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("p95 ms", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("errors by type", result.Stdout, StringComparison.Ordinal);
        foreach (var function in SyntheticTraceLog.Functions)
        {
            Assert.Contains(function, result.Stdout, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("sampled out", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_AsText_SaysHowManyCallsWereSampledOut()
    {
        // Three calls whose payload sampling left out: their lines have no payload and say sampled_out.
        var sampled = _lines.Take(3).Select(line =>
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
            node["span_id"] = "s" + node["span_id"]!.GetValue<string>();
            node["payload_key"] = string.Empty;
            node["payload_sha256"] = string.Empty;
            node["payload_bytes"] = 0;
            node["payload_stored"] = false;
            node["sampled_out"] = true;
            return node.ToJsonString();
        });
        await File.AppendAllLinesAsync(_folder.Combine("traces-20261121.jsonl"), sampled);

        var result = await LlmTraceCli.RunAsync("stats", "--log", _folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1,503 calls in 2 file(s)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 of them sampled out (line only, no payload)", result.Stdout, StringComparison.Ordinal);

        var json = await LlmTraceCli.RunAsync("stats", "--log", _folder.Path, "--json");
        Assert.Equal(0, json.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(json.Stdout);
        Assert.Equal(3, document.RootElement.GetProperty("sampled_out").GetInt64());
        Assert.Equal(0, document.RootElement.GetProperty("operations").GetInt64());
        Assert.Equal(1503, document.RootElement.GetProperty("total").GetProperty("calls").GetInt64());
    }

    [Fact]
    public async Task Stats_SkipsLinesThatAreNotTraceRecords_AndSaysSo()
    {
        await File.AppendAllTextAsync(_folder.Combine("traces-20261121.jsonl"), "not json at all\n{\"half\":\n");

        var result = await LlmTraceCli.RunAsync("stats", "--log", _folder.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("skipped 2 line(s)", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1500, JsonDocument.Parse(result.Stdout).RootElement.GetProperty("total").GetProperty("calls").GetInt64());
    }

    [Fact]
    public async Task Sql_RunsDuckDbOverTheLogsAsTheTracesTable_GzipIncluded()
    {
        var result = await LlmTraceCli.RunAsync(
            "sql", "SELECT model, count(*) AS calls, sum(prompt_tokens) AS prompt FROM traces GROUP BY model ORDER BY model", "--log", _folder.Path, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var expected = _records.GroupBy(r => r.Model!).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(g => g.Key), rows.Select(r => r.GetProperty("model").GetString()));
        Assert.Equal(expected.Select(g => (long)g.Count()), rows.Select(r => r.GetProperty("calls").GetInt64()));
        Assert.Equal(expected.Select(g => g.Sum(r => (long)r.PromptTokens!)), rows.Select(r => r.GetProperty("prompt").GetInt64()));
    }

    [Fact]
    public async Task Sql_ReadsTimestampsTagsAndErrorsWithTheirLogTypes()
    {
        var result = await LlmTraceCli.RunAsync(
            "sql", "SELECT count(*) AS n, min(timestamp) AS first, count(*) FILTER (WHERE list_contains(tags, 'even')) AS even, count(error_type) AS typed FROM traces", "--log", _folder.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2026-11-20T22:00:00.000Z", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("(1 row)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(_records.Count(r => r.Tags!.Contains("even")).ToString(CultureInfo.InvariantCulture), result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_WithABadQuery_ExitsWithUsageAndDuckDbsMessage()
    {
        var result = await LlmTraceCli.RunAsync("sql", "SELEC nonsense", "--log", _folder.Path);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("the query failed", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_WithALogPathThatDoesNotExist_ExitsNotFoundNamingThePath()
    {
        var missing = _folder.Combine("nope");
        var result = await LlmTraceCli.RunAsync("find", "--log", missing);

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains(missing, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_WithAnUnknownFlag_PrintsUsageAndExits1()
    {
        var result = await LlmTraceCli.RunAsync("find", "--no-such-flag", "--log", _folder.Path);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--no-such-flag", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Usage", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WritesOneSelfContainedHtmlFileWithTheFourCharts()
    {
        var report = _folder.Combine("out", "report.html");
        var result = await LlmTraceCli.RunAsync("report", "--out", report, "--log", _folder.Path, "--top", "5");

        Assert.Equal(0, result.ExitCode);
        var html = await File.ReadAllTextAsync(report);
        foreach (var id in new[] { "latency-histogram", "calls-over-time", "cost-over-time", "errors-by-type" })
        {
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        var slowest = _records.MaxBy(r => r.LatencyMs)!;
        Assert.Contains(slowest.TraceId, html, StringComparison.Ordinal);
        Assert.Equal(5, html.Split("class=\"slow-call\"").Length - 1);
    }
}
