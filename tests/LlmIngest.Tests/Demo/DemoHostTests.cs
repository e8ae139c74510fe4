using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmIngest.Tests.Support;

namespace LlmIngest.Tests.Demo;

/// <summary>Runs the demo host as a process, as a person would, on the embedded default store.</summary>
public sealed partial class DemoHostTests : IDisposable
{
    private static readonly string[] PiiInTheFakeTraffic =
    [
        "dana.whitfield@example.com", "(415) 555-0132", "+33 1 23 45 67 89", "4111 1111 1111 1111",
        "219-09-9999", "j.ortiz@contoso.org", "5500-0000-0000-0004", "030 12345678",
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Demo_Records150Calls_WithParsableRedactedLinesAndOneFullPayloadPerCall()
    {
        var (exitCode, output) = await RunDemoAsync("--count", "150", "--seed", "7");

        Assert.True(exitCode == 0, output);
        Assert.Matches(RecordedPattern(), output);
        var allLines = Directory.GetFiles(_folder.Combine("llmtrace", "logs"), "*.jsonl").SelectMany(File.ReadAllLines).ToList();

        // Each single call and agent run is an operation with a line of its own (no payload); the rest are model calls.
        var lines = allLines.Where(l => !JsonDocument.Parse(l).RootElement.TryGetProperty("calls", out _)).ToList();
        Assert.InRange(lines.Count, 150, 160);
        Assert.All(allLines, l => JsonDocument.Parse(l).Dispose());
        var payloadFiles = Directory.GetFiles(_folder.Combine("llmtrace", "payloads"), "*.json", SearchOption.AllDirectories);
        Assert.Equal(lines.Count, payloadFiles.Length);

        var redacted = 0;
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            foreach (var name in new[] { "input_preview", "output_preview" })
            {
                var preview = root.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;
                Assert.True(preview.Length <= 100, $"{name} has {preview.Length} characters");
            }

            redacted += root.TryGetProperty("redactions", out _) ? 1 : 0;
            var payload = await File.ReadAllTextAsync(_folder.Combine("llmtrace", "payloads", root.GetProperty("payload_key").GetString()!));
            using var full = JsonDocument.Parse(payload);
            Assert.Equal(root.GetProperty("span_id").GetString(), full.RootElement.GetProperty("span_id").GetString());
            Assert.True(full.RootElement.GetProperty("messages").GetArrayLength() >= 2);
        }

        Assert.True(redacted > 10, $"only {redacted} lines had redactions: the fake traffic should carry PII often");
        var everything = string.Join('\n', allLines) + string.Join('\n', payloadFiles.Select(File.ReadAllText));
        foreach (var pii in PiiInTheFakeTraffic)
        {
            Assert.DoesNotContain(pii, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Demo_GetOfARecordedTrace_PrintsEveryStep_AndOfAnUnknownTraceExitsWith2()
    {
        var (_, output) = await RunDemoAsync("--count", "40", "--seed", "3");
        var traceId = FetchHintPattern().Match(output).Groups[1].Value;
        Assert.NotEmpty(traceId);

        var (exitCode, printed) = await RunDemoAsync("--get", traceId);
        Assert.Equal(0, exitCode);
        Assert.Contains("── step 0", printed, StringComparison.Ordinal);

        var (missingCode, missing) = await RunDemoAsync("--get", "0000000000000000000000000000dead");
        Assert.Equal(2, missingCode);
        Assert.Contains("No payloads for trace 0000000000000000000000000000dead under tenant demo", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_PacedInOneSession_StopsOnSigterm_DrainsAndExits0_EveryCallInThatSessionAndStored()
    {
        using var process = StartDemo("--session", "sess-sigterm", "--pace", "20", "--duration", "10m", "--seed", "11");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // Well before the 10 minutes: only the signal can end this run.
            Assert.True(await Poll.UntilAsync(() => CompleteLogLines().Count >= 20, TimeSpan.FromMinutes(1)), "the demo wrote no lines");
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("Stopped by a signal", output, StringComparison.Ordinal);
        Assert.Matches(RecordedPattern(), output);

        // Every line (calls and operations) is in the one session; every call's payload was stored before the exit.
        var lines = CompleteLogLines();
        Assert.All(lines, l => Assert.Equal("sess-sigterm", JsonDocument.Parse(l).RootElement.GetProperty("session_id").GetString()));
        var calls = lines.Where(l => !JsonDocument.Parse(l).RootElement.TryGetProperty("calls", out _)).ToList();
        Assert.InRange(calls.Count, 10, 10_000); // the poll saw 20 lines, calls and operations
        Assert.Equal(calls.Count, Directory.GetFiles(_folder.Combine("llmtrace", "payloads"), "*.json", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Demo_WithABadPaceOrDuration_ExitsWith2_NamingTheFlag()
    {
        var (paceCode, pace) = await RunDemoAsync("--pace", "0");
        var (durationCode, duration) = await RunDemoAsync("--duration", "soon");

        Assert.Equal(2, paceCode);
        Assert.Contains("--pace must be a positive number", pace, StringComparison.Ordinal);
        Assert.Equal(2, durationCode);
        Assert.Contains("--duration 'soon'", duration, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Recorded \d+ LLM calls in \d+ traces \(0 dropped\)")]
    private static partial Regex RecordedPattern();

    [GeneratedRegex(@"-- --get ([0-9a-f]{32})")]
    private static partial Regex FetchHintPattern();

    private async Task<(int ExitCode, string Output)> RunDemoAsync(params string[] args)
    {
        using var process = StartDemo(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private Process StartDemo(params string[] args)
    {
        var demo = Path.Combine(AppContext.BaseDirectory.Replace("tests/LlmIngest.Tests", "src/LlmIngest.Demo", StringComparison.Ordinal), "LlmIngest.Demo.dll");
        Assert.True(File.Exists(demo), $"the demo is built by the test project's reference: {demo}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(demo);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The demo must use the embedded default, whatever the machine's environment says.
        start.Environment.Remove("LlmIngest__Storage__S3__Bucket");
        start.Environment.Remove("LlmIngest__Storage__S3__ServiceUrl");
        return Process.Start(start)!;
    }

    /// <summary>The log lines written so far, a line still being written left out (the file is open in the demo).</summary>
    private List<string> CompleteLogLines()
    {
        var folder = _folder.Combine("llmtrace", "logs");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var lines = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.jsonl"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            lines.AddRange(text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return lines;
    }
}
