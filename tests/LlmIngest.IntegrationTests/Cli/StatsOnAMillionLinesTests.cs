using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LlmIngest.IntegrationTests.Support;
using Xunit.Abstractions;

namespace LlmIngest.IntegrationTests.Cli;

/// <summary>
/// <c>llmtrace stats</c> as a separate process over 1,000,000 JSONL lines (a rolled .gz file and a plain one): its
/// figures against ones this test computes itself while writing the lines, and its peak memory (max RSS from
/// <c>/usr/bin/time</c>) against the size of the logs.
/// </summary>
public sealed class StatsOnAMillionLinesTests(ITestOutputHelper output) : IDisposable
{
    private const int Lines = 1_000_000;
    private const int GzipLines = 100_000;
    private const long MaxResidentBytes = 200L * 1024 * 1024;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Stats_OnAMillionLines_MatchesAnIndependentComputation_WithPeakMemoryFarBelowTheLogSize()
    {
        var expected = new Dictionary<string, Expected>(StringComparer.Ordinal);
        var all = new Expected();
        void Count(LlmTraceLogLine r)
        {
            all.Add(r);
            if (!expected.TryGetValue(r.Model!, out var group))
            {
                expected[r.Model!] = group = new Expected();
            }

            group.Add(r);
        }

        var clock = Stopwatch.StartNew();
        var start = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        SyntheticTraceLog.Write(_folder.Combine("traces-20261120.jsonl.gz"), GzipLines, seed: 1, start, TimeSpan.FromMilliseconds(150), Count);
        SyntheticTraceLog.Write(_folder.Combine("traces-20261121.jsonl"), Lines - GzipLines, seed: 2, start, TimeSpan.FromMilliseconds(150), Count, firstIndex: GzipLines);
        var logBytes = Directory.GetFiles(_folder.Path).Sum(f => new FileInfo(f).Length);
        var plainBytes = new FileInfo(_folder.Combine("traces-20261121.jsonl")).Length;
        output.WriteLine($"wrote {Lines:N0} lines ({logBytes / 1048576.0:0} MB on disk, {plainBytes / 1048576.0:0} MB plain) in {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.True(File.Exists("/usr/bin/time"), "/usr/bin/time is missing: apt-get install -y time (Debian package 'time').");
        var cli = Path.Combine(AppContext.BaseDirectory, "LlmIngest.Cli.dll");
        clock.Restart();
        var result = await ExternalCommand.RunAsync("/usr/bin/time", ["-f", "maxrss_kb=%M", "dotnet", cli, "stats", "--log", _folder.Path, "--json"], TimeSpan.FromMinutes(2));
        output.WriteLine($"llmtrace stats took {clock.Elapsed.TotalSeconds:0.0} s; {result.ErrorTail(3)}");
        Assert.True(result.Succeeded, $"exit {result.ExitCode}: {result.ErrorTail()}");

        var maxRss = long.Parse(result.StandardError.Split("maxrss_kb=")[1].Trim(), CultureInfo.InvariantCulture) * 1024;
        output.WriteLine($"peak resident memory {maxRss / 1048576.0:0} MB for {logBytes / 1048576.0:0} MB of logs");
        Assert.True(maxRss < MaxResidentBytes, $"peak resident memory {maxRss / 1048576} MB exceeds {MaxResidentBytes / 1048576} MB");
        Assert.True(maxRss < plainBytes / 2, $"peak resident memory {maxRss / 1048576} MB is not far below the {plainBytes / 1048576} MB plain log: the file was not streamed");

        using var document = JsonDocument.Parse(result.StandardOutput);
        var root = document.RootElement;
        Assert.Equal(Lines, root.GetProperty("lines").GetInt64());
        all.AssertMatches(root.GetProperty("total"));
        var groups = root.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!, g => g);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), groups.Keys.Order(StringComparer.Ordinal));
        foreach (var (model, figures) in expected)
        {
            figures.AssertMatches(groups[model]);
        }
    }

    /// <summary>The test's own figures: plain sums, and percentiles read off a sorted copy by counting.</summary>
    private sealed class Expected
    {
        private readonly List<double> _latencies = [];
        private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
        private long _calls;
        private long _prompt;
        private long _completion;
        private decimal _cost;
        private long _withoutCost;
        private long _failed;
        private double _latencySum;

        public void Add(LlmTraceLogLine r)
        {
            _calls++;
            _prompt += r.PromptTokens!.Value;
            _completion += r.CompletionTokens!.Value;
            _cost += r.CostUsd ?? 0;
            _withoutCost += r.CostUsd is null ? 1 : 0;
            _latencySum += r.LatencyMs;
            _latencies.Add(r.LatencyMs);
            if (r.Error is not null)
            {
                _failed++;
                var type = r.ErrorType ?? "unknown";
                _errors[type] = _errors.GetValueOrDefault(type) + 1;
            }
        }

        public void AssertMatches(JsonElement actual)
        {
            Assert.Equal(_calls, actual.GetProperty("calls").GetInt64());
            Assert.Equal(_prompt, actual.GetProperty("prompt_tokens").GetInt64());
            Assert.Equal(_completion, actual.GetProperty("completion_tokens").GetInt64());
            Assert.Equal(_cost, actual.GetProperty("cost_usd").GetDecimal());
            Assert.Equal(_withoutCost, actual.GetProperty("calls_without_cost").GetInt64());
            Assert.Equal(_failed, actual.GetProperty("errors").GetInt64());
            Assert.Equal((double)_failed / _calls, actual.GetProperty("error_rate").GetDouble(), 12);
            Assert.Equal(_latencySum / _calls, actual.GetProperty("latency_mean_ms").GetDouble(), 6);
            var sorted = _latencies.Order().ToArray();
            Assert.Equal(Percentile(sorted, 0.50), actual.GetProperty("latency_p50_ms").GetDouble());
            Assert.Equal(Percentile(sorted, 0.95), actual.GetProperty("latency_p95_ms").GetDouble());
            Assert.Equal(Percentile(sorted, 0.99), actual.GetProperty("latency_p99_ms").GetDouble());
            Assert.Equal(sorted[^1], actual.GetProperty("latency_max_ms").GetDouble());
            var errors = actual.GetProperty("errors_by_type").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
            Assert.Equal(_errors.OrderBy(e => e.Key, StringComparer.Ordinal), errors.OrderBy(e => e.Key, StringComparer.Ordinal));
        }

        // Nearest rank, found by counting: the first value v with at least q of all values at or below it.
        private static double Percentile(double[] sorted, double q)
        {
            var needed = q * sorted.Length;
            for (var i = 0; i < sorted.Length; i++)
            {
                if (i + 1 >= needed - 1e-9)
                {
                    return sorted[i];
                }
            }

            return sorted[^1];
        }
    }
}
