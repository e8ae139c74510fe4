using System.Diagnostics;
using System.Text.Json;

namespace LlmIngest.Tests.Sinks;

/// <summary>Two real processes (the demo, twice) on one log directory: never a spliced line; the second writes its own files.</summary>
public sealed class LogDirectoryLockProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TwoProcessesOnOneLogDirectory_NeverSpliceALine_TheSecondWritesInstanceNamedFiles()
    {
        var logs = _folder.Combine("llmtrace", "logs");
        using var first = StartDemo("200000", "first");
        _ = first.StandardOutput.ReadToEndAsync(); // keep the pipes drained
        _ = first.StandardError.ReadToEndAsync();
        try
        {
            await Poll.AssertUntilAsync(
                () => first.HasExited || (Directory.Exists(logs) && Directory.GetFiles(logs, "traces-*.jsonl").Any(f => new FileInfo(f).Length > 0)),
                TimeSpan.FromMinutes(2),
                "the first demo writes lines");
            Assert.False(first.HasExited, "the first demo still runs when the second starts");

            using var second = StartDemo("1500", "second");
            var output = await WaitAsync(second, TimeSpan.FromMinutes(3));
            Assert.False(first.HasExited, "both ran at the same time");
            Assert.True(second.ExitCode == 0, output);
            Assert.Contains("LlmIngest:Log:Directory", output, StringComparison.Ordinal);
        }
        finally
        {
            if (!first.HasExited)
            {
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }
        }

        var mine = Directory.GetFiles(logs, "traces-*.jsonl");
        var owner = mine.Where(f => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(f), @"^traces-\d{8}(_\d+)?\.jsonl$")).ToList();
        var other = mine.Except(owner).ToList();
        Assert.NotEmpty(owner);
        Assert.NotEmpty(other);
        Assert.All(other, f => Assert.DoesNotMatch(@"^traces-\d{8}", Path.GetFileName(f)));

        // Every line parses; only the killed first demo may have left a torn last line, and only at the end of its file.
        var secondLines = other.SelectMany(File.ReadAllLines).ToList();
        Assert.All(secondLines, l => JsonDocument.Parse(l).Dispose());
        Assert.True(secondLines.Count >= 1500, $"the second demo wrote {secondLines.Count} lines");
        foreach (var file in owner)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length - 1; i++)
            {
                JsonDocument.Parse(lines[i]).Dispose();
            }
        }

        var ownerIds = owner.SelectMany(File.ReadAllLines).Select(TraceIdOrNull).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(secondLines.Select(TraceIdOrNull), id => id is not null && ownerIds.Contains(id));
    }

    private static string? TraceIdOrNull(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.GetProperty("trace_id").GetString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private Process StartDemo(string count, string seed)
    {
        var demo = Path.Combine(AppContext.BaseDirectory.Replace("tests/LlmIngest.Tests", "src/LlmIngest.Demo", StringComparison.Ordinal), "LlmIngest.Demo.dll");
        Assert.True(File.Exists(demo), $"the demo is built by the test project's reference: {demo}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { demo, "--count", count, "--seed", seed == "first" ? "1" : "2" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("LlmIngest__Storage__S3__Bucket");
        start.Environment.Remove("LlmIngest__Storage__S3__ServiceUrl");
        return Process.Start(start)!;
    }

    private static async Task<string> WaitAsync(Process process, TimeSpan timeout)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return await stdout + await stderr;
    }
}
