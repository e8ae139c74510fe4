using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LlmIngest.IntegrationTests.Support;

namespace LlmIngest.IntegrationTests.Fleet;

/// <summary>
/// Issue 15's acceptance test, against the real S3 server: three demo processes record into one bucket at once, each
/// with its own log directory and session; one is killed with SIGKILL mid-run and restarted on the same directories;
/// all are stopped with SIGTERM. Then, from an empty directory with nothing but bucket access (environment, no config
/// file, no --log), <c>llmtrace</c> run as a process must see the whole fleet: <c>find --session</c> returns exactly the
/// call lines each process's local logs hold, <c>stats</c> totals their sum, and <c>get</c> prints sampled traces
/// verified. Nothing here waits for the bucket to catch up: a graceful stop must leave nothing behind.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class FleetIntegrationTests(S3ServerFixture s3) : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(3);

    private readonly TempFolder _folder = new();
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ThreeProcessesOneKilledAndRestarted_FromAnEmptyDirectory_FindStatsAndGetSeeExactlyTheirCalls()
    {
        await using var bucket = await s3.CreateBucketAsync("fleet");
        var instances = new[] { "a", "b", "c" }.Select(name => new Instance(name, $"fleet-{_run}-{name}", _folder.Combine("instance-" + name))).ToList();
        var running = new List<Process>();
        try
        {
            // 1. Three processes at once, paced so that they run until signalled.
            foreach (var instance in instances)
            {
                running.Add(StartDemo(instance, bucket.Name, seed: 100 + running.Count));
            }

            foreach (var instance in instances)
            {
                await WaitForLinesAsync(instance, 40, running);
            }

            // 2. b dies without any drain (SIGKILL) mid-run, and a new b starts on the same log and spool directories.
            var killed = running[1];
            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync();
            killed.Dispose();
            var linesBeforeRestart = CompleteLines(instances[1]);
            running[1] = StartDemo(instances[1], bucket.Name, seed: 200);
            await WaitForLinesAsync(instances[1], linesBeforeRestart + 40, running);

            // Past at least one ship interval of every process before the stop.
            await Task.Delay(TimeSpan.FromSeconds(3));

            // 3. All three stop gracefully: traffic ends, the pipeline drains, the last segment ships, exit 0.
            foreach (var process in running)
            {
                await SignalAsync(process, "-TERM");
            }

            foreach (var process in running)
            {
                using var timeout = new CancellationTokenSource(Budget);
                await process.WaitForExitAsync(timeout.Token);
                Assert.True(process.ExitCode == 0, $"a demo process exited with {process.ExitCode}");
            }
        }
        finally
        {
            foreach (var process in running.Where(p => !p.HasExited))
            {
                process.Kill(entireProcessTree: true);
            }

            foreach (var process in running)
            {
                process.Dispose();
            }
        }

        // What each process's local logs hold: its call lines (operations' own lines are not calls).
        var expected = instances.ToDictionary(i => i, LocalCallLines);
        foreach (var (instance, calls) in expected)
        {
            Assert.True(calls.Count >= 40, $"instance {instance.Name} logged only {calls.Count} calls");
            Assert.All(calls.Values, c => Assert.Equal(instance.Session, c.SessionId));
        }

        // 4. From an empty directory with only bucket access.
        var empty = _folder.Combine("empty");
        Directory.CreateDirectory(empty);
        foreach (var (instance, calls) in expected)
        {
            var find = await CliAsync(empty, bucket.Name, "find", "--session", instance.Session, "--json");
            Assert.True(find.ExitCode == 0, find.ToString());
            var found = find.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseLine).ToList();
            var foundKeys = found.Select(l => (l.TraceId, l.SpanId)).ToList();
            Assert.True(
                foundKeys.Count == foundKeys.Distinct().Count(),
                $"instance {instance.Name}: find returned {foundKeys.Count - foundKeys.Distinct().Count()} line(s) twice");
            var missing = calls.Keys.Except(foundKeys).ToList();
            var extra = foundKeys.Except(calls.Keys).ToList();
            Assert.True(
                missing.Count == 0 && extra.Count == 0,
                $"instance {instance.Name}: {missing.Count} local call line(s) not found in the bucket (e.g. {string.Join(", ", missing.Take(3))}), {extra.Count} found that the local logs do not hold (e.g. {string.Join(", ", extra.Take(3))})\n{find.Stderr}");
        }

        var stats = await CliAsync(empty, bucket.Name, "stats", "--json");
        Assert.True(stats.ExitCode == 0, stats.ToString());
        using (var document = JsonDocument.Parse(stats.Stdout))
        {
            Assert.Equal(expected.Values.Sum(c => c.Count), document.RootElement.GetProperty("total").GetProperty("calls").GetInt64());
        }

        var random = new Random(15);
        foreach (var (instance, calls) in expected)
        {
            var traces = calls.Values.GroupBy(c => c.TraceId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Step).ToList());
            var sample = traces.Keys.Order(StringComparer.Ordinal).ToArray();
            random.Shuffle(sample);
            foreach (var traceId in sample.Take(4))
            {
                var get = await CliAsync(empty, bucket.Name, "get", traceId);
                Assert.True(get.ExitCode == 0, get.ToString());
                Assert.Contains($"trace {traceId}", get.Stdout, StringComparison.Ordinal);
                var at = 0;
                foreach (var call in traces[traceId])
                {
                    var header = $"── step {call.Step} · span {call.SpanId} ·";
                    var index = get.Stdout.IndexOf(header, at, StringComparison.Ordinal);
                    Assert.True(index >= at, $"'{header}' missing or out of order in:\n{get}");
                    at = index + header.Length;
                }

                Assert.Equal(traces[traceId].Count, get.Stdout.Split("── step ").Length - 1);
                Assert.Equal(traces[traceId].Count, get.Stdout.Split("  verified: sha256 ").Length - 1);
                Assert.DoesNotContain("not verified", get.Stdout, StringComparison.Ordinal);
            }
        }
    }

    private Process StartDemo(Instance instance, string bucket, int seed)
    {
        var demo = Path.Combine(AppContext.BaseDirectory.Replace("tests/LlmIngest.IntegrationTests", "src/LlmIngest.Demo", StringComparison.Ordinal), "LlmIngest.Demo.dll");
        Assert.True(File.Exists(demo), $"the demo is built by the test project's reference: {demo}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = instance.Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        Directory.CreateDirectory(instance.Folder);
        foreach (var arg in new[] { demo, "--session", instance.Session, "--pace", "15", "--duration", "10m", "--seed", seed.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        BucketAccess(start, bucket);
        start.Environment["LlmIngest__Log__Directory"] = instance.Logs;
        start.Environment["LlmIngest__Log__Ship__Interval"] = "00:00:02";
        start.Environment["LlmIngest__Storage__Spool__Directory"] = Path.Combine(instance.Folder, "spool");
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync(); // keep the pipes drained
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>Runs <c>llmtrace</c> as a process in <paramref name="directory"/> with bucket access from the environment only.</summary>
    private async Task<CliResult> CliAsync(string directory, string bucket, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory.Replace("tests/LlmIngest.IntegrationTests", "src/LlmIngest.Cli", StringComparison.Ordinal), "LlmIngest.Cli.dll");
        Assert.True(File.Exists(cli), $"the CLI is built by the test project's reference: {cli}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        BucketAccess(start, bucket);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Budget);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"llmtrace {string.Join(' ', args)} did not finish within {Budget.TotalMinutes:0} minutes.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The bucket and its credentials, and nothing else of LlmIngest's configuration from this machine.</summary>
    private void BucketAccess(ProcessStartInfo start, string bucket)
    {
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("LlmIngest__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["LlmIngest__Storage__Kind"] = "S3";
        start.Environment["LlmIngest__Storage__S3__ServiceUrl"] = s3.Endpoint;
        start.Environment["LlmIngest__Storage__S3__Bucket"] = bucket;
        start.Environment["LlmIngest__Storage__S3__AccessKey"] = s3.AccessKey;
        start.Environment["LlmIngest__Storage__S3__SecretKey"] = s3.SecretKey;
        start.Environment["LlmIngest__Storage__S3__Region"] = s3.Region;
    }

    private static async Task WaitForLinesAsync(Instance instance, int lines, List<Process> running)
    {
        await Poll.AssertUntilAsync(
            () => CompleteLines(instance) >= lines || running.Any(p => p.HasExited),
            Budget,
            $"{lines} lines in instance {instance.Name}'s log");
        Assert.True(running.All(p => !p.HasExited), "a demo process ended before it was stopped");
    }

    private static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Complete lines written so far to the instance's log files (a line being written is not counted).</summary>
    private static int CompleteLines(Instance instance) =>
        LogFiles(instance).Where(f => f.EndsWith(".jsonl", StringComparison.Ordinal)).Sum(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var count = 0;
            int b;
            while ((b = stream.ReadByte()) >= 0)
            {
                count += b == '\n' ? 1 : 0;
            }

            return count;
        });

    /// <summary>
    /// The call lines in the instance's local logs (plain and rolled), keyed by trace and span. A line torn by the
    /// SIGKILL is not a line: it is left out, and so must the bucket's copy of it be.
    /// </summary>
    private static Dictionary<(string TraceId, string SpanId), LlmTraceLogLine> LocalCallLines(Instance instance)
    {
        var calls = new Dictionary<(string, string), LlmTraceLogLine>();
        foreach (var file in LogFiles(instance))
        {
            using var reader = LlmTraceLogReader.Open(file);
            foreach (var entry in reader.ReadEntries())
            {
                if (entry.Line is { IsOperation: false } line)
                {
                    // The same line in a plain log and a sealed copy of it is one line.
                    calls.TryAdd((line.TraceId, line.SpanId), line);
                }
            }
        }

        return calls;
    }

    private static IEnumerable<string> LogFiles(Instance instance) =>
        Directory.Exists(instance.Logs)
            ? Directory.GetFiles(instance.Logs).Where(f => f.EndsWith(".jsonl", StringComparison.Ordinal) || f.EndsWith(".jsonl.gz", StringComparison.Ordinal))
            : [];

    private static LlmTraceLogLine ParseLine(string text) =>
        LlmTraceLogReader.TryParse(text, out var line) ? line : throw new Xunit.Sdk.XunitException($"find --json printed a line that is not a log line: {text}");

    /// <summary>One app instance: its name, the session all its traces are in, and the folder its process runs in.</summary>
    private sealed record Instance(string Name, string Session, string Folder)
    {
        public string Logs => Path.Combine(Folder, "logs");
    }
}
