using System.Diagnostics;
using System.Text.Json;
using LlmIngest.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;
using static LlmIngest.IntegrationTests.Faults.S3FaultIntegrationTests;

namespace LlmIngest.IntegrationTests.Faults;

/// <summary>
/// The local side failing: the JSONL folder unwritable or its disk full, and the host killed with SIGKILL in a burst.
/// Payloads keep reaching the real radosgw; lost lines are counted, never torn; a restart reconciles everything.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class LogAndCrashFaultIntegrationTests(S3ServerFixture s3, ITestOutputHelper output) : IDisposable
{
    private const int LogWriteFailedEventId = 5;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Faults_JsonlFolderReplacedByAFile_LinesAreCountedAsFailedAndHealthIsDegraded_PayloadsStillStored_AndWritingResumes()
    {
        await using var bucket = await s3.CreateBucketAsync("log-unwritable");
        var logs = _folder.Combine("logs");
        var movedAway = _folder.Combine("logs-moved");
        await using var host = CreateHost(bucket.Name, logs);
        await host.StartAsync();
        var health = host.Services.GetRequiredService<HealthCheckService>();

        RecordAll(host, 0, 100);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));

        // The folder is moved away (the open file goes with it) and a file takes its name: even root cannot write there.
        Directory.Move(logs, movedAway);
        await File.WriteAllTextAsync(logs, "not a folder");
        RecordAll(host, 100, 150);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(150, host.Metric("llmingest.log.failed"));
        var degraded = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("trace log", degraded.Entries["llmingest"].Description, StringComparison.Ordinal);
        Assert.Contains(LibraryLogs(host), r => r.Id.Id == LogWriteFailedEventId);

        File.Delete(logs);
        RecordAll(host, 250, 100);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
        await host.StopAsync();

        var figures = await Reconciliation.AssertExactAsync(host, bucket, [movedAway, logs]);
        output.WriteLine($"log folder unwritable: {figures}");
        Assert.Equal(200, figures.Lines);
        Assert.Equal(150, figures.LogFailed);
        Assert.Equal(350, figures.InBucket); // the payloads of the lost lines are stored all the same
    }

    [Fact]
    public async Task Faults_JsonlDiskFull_EveryLineOnDiskParses_LostLinesAreCounted_AndWritingResumesWhenSpaceReturns()
    {
        // A 256 KB tmpfs as the log folder (mounting needs root, which the CI and these machines run as).
        Assert.True(Environment.UserName == "root", "the disk-full test mounts a tmpfs and needs root");
        var logs = _folder.Combine("logs");
        Directory.CreateDirectory(logs);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", logs);
        try
        {
            await using var bucket = await s3.CreateBucketAsync("log-full");
            await using (var host = CreateHost(bucket.Name, logs, batchSize: 64))
            {
                await host.StartAsync();
                var health = host.Services.GetRequiredService<HealthCheckService>();
                for (var i = 0; i < 1_500; i += 100)
                {
                    RecordAll(host, i, 100);
                    await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
                }

                Assert.True(host.Metric("llmingest.log.failed") > 0, "the disk filled up");
                Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync()).Status);
                var linesWhenFull = host.Metric("llmingest.log.lines");

                await RunAsync("mount", "-o", "remount,size=8m", logs);
                RecordAll(host, 1_500, 100);
                await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
                Assert.Equal(linesWhenFull + 100, host.Metric("llmingest.log.lines"));
                Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
                await host.StopAsync();

                // ReadFolder parses every line: a torn line would throw here.
                var figures = await Reconciliation.AssertExactAsync(host, bucket, [logs]);
                output.WriteLine($"disk full: {figures}");
                Assert.Equal(1_600, figures.InBucket);
                Assert.True(figures.LogFailed > 0);
            }
        }
        finally
        {
            await RunAsync("umount", logs);
        }
    }

    [Fact]
    public async Task Crash_HostKilledDuringABurstWithS3Unreachable_NextHostReconcilesTheLogTheBucketAndTheSpool()
    {
        await using var bucket = await s3.CreateBucketAsync("kill9");
        await using var proxy = new TcpOutageProxy(s3.Endpoint);
        var logs = _folder.Combine("logs");
        var spool = _folder.Combine("spool");

        // 1. The demo records a burst through a proxy to the gateway; the proxy cuts S3 off and the demo is SIGKILLed
        //    with payloads in the bucket, in its spool and in its memory.
        using (var demo = StartDemo(proxy.Url, bucket.Name, logs, spool))
        {
            await Poll.AssertUntilAsync(() => demo.HasExited || CountLines(logs) >= 400, TimeSpan.FromMinutes(2), "the demo wrote 400 lines");
            proxy.Down = true;
            await Poll.AssertUntilAsync(() => demo.HasExited || Directory.Exists(spool) && Directory.GetFiles(spool, "*.spool").Length >= 200, TimeSpan.FromMinutes(2), "the demo spooled 200 payloads");
            Assert.False(demo.HasExited, "the demo was still recording when it was killed");
            demo.Kill(entireProcessTree: true);
            await demo.WaitForExitAsync();
        }

        var linesAtKill = ReadLinesTolerant(logs, out var tornAtKill);
        var bucketAtKill = (await bucket.ListPayloadKeysAsync()).ToHashSet(StringComparer.Ordinal);
        var spoolAtKill = await Reconciliation.SpooledKeysAsync(spool);
        var logged = linesAtKill.ToHashSet(StringComparer.Ordinal);
        var acknowledged = bucketAtKill.Concat(spoolAtKill).ToHashSet(StringComparer.Ordinal);

        // Every line the killed process wrote has its payload in the bucket or the spool; payloads without a line are
        // at most the one batch the worker was on (stored first, then logged).
        Assert.All(logged, key => Assert.Contains(key, acknowledged));
        var unlogged = acknowledged.Count - logged.Count;
        Assert.InRange(unlogged, 0, 256);

        // 2. The next host on the same folders, straight to the gateway: it replays the spool and appends to the log.
        await using (var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, bucket.Name);
            o.Storage.Spool.Directory = spool;
            o.Log.Directory = logs;
        }))
        {
            await host.StartAsync();
            await Poll.AssertUntilAsync(() => host.Metric("llmingest.spool.depth") == 0, TimeSpan.FromMinutes(2), "the spool is replayed");
            RecordAll(host, 0, 50);
            await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
            await host.StopAsync();
            Assert.Equal(0, host.Metric("llmingest.spool.corrupt"));
        }

        var keys = (await bucket.ListPayloadKeysAsync()).ToHashSet(StringComparer.Ordinal);
        var lines = PreviewLogLine.ReadFolder(logs); // every line parses, the torn one (if any) was cut
        Assert.Equal(logged.Count + 50, lines.Count);
        Assert.All(lines, l => Assert.Contains(l.PayloadKey, keys));
        Assert.Equal(acknowledged.Count + 50, keys.Count);
        Assert.Empty(Directory.GetFiles(spool, "*.spool"));
        output.WriteLine(
            $"kill -9: at the kill {logged.Count} lines ({tornAtKill} torn), {bucketAtKill.Count} in the bucket, {spoolAtKill.Count} spooled, "
            + $"{unlogged} stored without a line; after the restart {lines.Count} lines and {keys.Count} objects, spool empty");
    }

    private IngestTestHost CreateHost(string bucket, string logs, int batchSize = 256) =>
        IngestTestHost.Create(
            o =>
            {
                s3.ConfigureS3Storage(o.Storage, bucket);
                o.Log.Directory = logs;
                o.Queue.BatchSize = batchSize;
            },
            services => services.AddHealthChecks().AddLlmTraceIngest());

    private static int CountLines(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.jsonl").Sum(f => File.ReadLines(f).Count()) : 0;

    /// <summary>The payload keys of the lines a killed process left, counting a torn last line instead of failing on it.</summary>
    private static List<string> ReadLinesTolerant(string folder, out int torn)
    {
        var keys = new List<string>();
        torn = 0;
        foreach (var file in Directory.GetFiles(folder, "*.jsonl"))
        {
            foreach (var line in File.ReadLines(file))
            {
                try
                {
                    using var document = JsonDocument.Parse(line);
                    if (!PreviewLogLine.IsOperationLine(line))
                    {
                        keys.Add(document.RootElement.GetProperty("payload_key").GetString()!);
                    }
                }
                catch (JsonException)
                {
                    torn++;
                }
            }
        }

        Assert.InRange(torn, 0, 1);
        return keys;
    }

    private Process StartDemo(string serviceUrl, string bucket, string logs, string spool)
    {
        var demo = Path.Combine(AppContext.BaseDirectory.Replace("tests/LlmIngest.IntegrationTests", "src/LlmIngest.Demo", StringComparison.Ordinal), "LlmIngest.Demo.dll");
        Assert.True(File.Exists(demo), $"the demo is built by the test project's reference: {demo}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { demo, "--count", "200000" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["LlmIngest__Storage__Kind"] = "S3";
        start.Environment["LlmIngest__Storage__S3__ServiceUrl"] = serviceUrl;
        start.Environment["LlmIngest__Storage__S3__Bucket"] = bucket;
        start.Environment["LlmIngest__Storage__S3__AccessKey"] = s3.AccessKey;
        start.Environment["LlmIngest__Storage__S3__SecretKey"] = s3.SecretKey;
        start.Environment["LlmIngest__Storage__S3__Region"] = s3.Region;
        start.Environment["LlmIngest__Storage__S3__MaxAttempts"] = "1";
        start.Environment["LlmIngest__Storage__S3__RequestTimeout"] = "00:00:02";
        start.Environment["LlmIngest__Storage__Spool__Directory"] = spool;
        start.Environment["LlmIngest__Storage__Spool__ReplayInterval"] = "00:01:00";
        start.Environment["LlmIngest__Log__Directory"] = logs;
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync(); // keep the pipes drained
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task RunAsync(string command, params string[] arguments)
    {
        var result = await ExternalCommand.RunAsync(command, arguments, TimeSpan.FromSeconds(30));
        Assert.True(result.Succeeded, $"{command} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.ErrorTail(5)}");
    }
}
