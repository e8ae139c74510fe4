using System.Diagnostics;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.Storage;
using LlmIngest.Storage.Spool;

namespace LlmIngest.IntegrationTests.Storage;

/// <summary>A host killed with payloads in its spool: the next host on the same spool uploads them all.</summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class CrashRecoveryIntegrationTests(S3ServerFixture s3) : IDisposable
{
    private const int StorePermanentFailureEventId = 10;
    private const int SpoolFileCorruptEventId = 14;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Crash_HostKilledWithPayloadsInTheSpool_NextHostUploadsEveryOne_AndATornFileIsReportedNotUploaded()
    {
        var bucketName = TestBucket.UniqueName("crash");
        var spoolDirectory = _folder.Combine("spool");

        // 1. The demo host runs as its own process against a bucket that does not exist yet: every payload spools.
        //    It is killed (SIGKILL, no drain) in the middle of its burst.
        using (var demo = StartDemo(bucketName, spoolDirectory))
        {
            await Poll.UntilAsync(() => SpoolFiles(spoolDirectory).Length >= 150 || demo.HasExited, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(50));

            var endedOnItsOwn = demo.HasExited;
            if (!endedOnItsOwn)
            {
                demo.Kill(entireProcessTree: true);
            }

            await demo.WaitForExitAsync();
            Assert.False(endedOnItsOwn, "the demo ended before it was killed: " + (endedOnItsOwn ? await demo.StandardError.ReadToEndAsync() : string.Empty));
        }

        // 2. Read what the killed process left: every complete spool file, and tear one on purpose.
        var probe = new PayloadSpool(new SpoolOptions { Directory = spoolDirectory }, TimeProvider.System);
        var files = probe.Snapshot();
        Assert.True(files.Count >= 150, $"{files.Count} spooled payloads");
        var expectedKeys = new List<string>();
        foreach (var file in files)
        {
            var upload = await probe.ReadAsync(file, CancellationToken.None);
            Assert.NotNull(upload); // the killed process never left a torn file under a final name
            expectedKeys.Add(upload.Key);
        }

        var torn = files[files.Count / 2];
        var tornKey = expectedKeys[files.Count / 2];
        var bytes = await File.ReadAllBytesAsync(torn);
        await File.WriteAllBytesAsync(torn, bytes[..(bytes.Length * 2 / 3)]);
        expectedKeys.Remove(tornKey);

        // 3. The bucket appears; a new host starts on the same spool and replays it.
        await using var bucket = await TestBucket.CreateAsync(s3.Client, bucketName);
        await using var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, bucketName);
            o.Storage.Spool.Directory = spoolDirectory;
            o.Log.Directory = _folder.Combine("logs-2");
        });
        await host.StartAsync();
        await Poll.UntilAsync(() => SpoolFiles(spoolDirectory).Length == 0, TimeSpan.FromMinutes(2));

        await host.StopAsync();

        Assert.Empty(SpoolFiles(spoolDirectory));
        var keys = await bucket.ListPayloadKeysAsync();
        Assert.Equal(expectedKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(tornKey, keys);
        Assert.True(File.Exists(Path.Combine(spoolDirectory, "corrupt", Path.GetFileName(torn))), "the torn file is kept aside for inspection");
        Assert.Equal(1, host.Metric("llmingest.spool.corrupt"));
        var report = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == SpoolFileCorruptEventId);
        Assert.Contains(Path.GetFileName(torn), report.Message, StringComparison.Ordinal);

        // Every replayed object is intact: its body matches the SHA-256 recorded when it was written.
        foreach (var key in keys.Take(50))
        {
            var parts = key.Split('/');
            var payload = await host.Store.ReadAsync(parts[1], parts[2], Path.GetFileNameWithoutExtension(parts[3]), CancellationToken.None);
            Assert.NotNull(payload);
            Assert.True(payload.IsIntact);
        }
    }

    private static string[] SpoolFiles(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*.spool") : [];

    private Process StartDemo(string bucket, string spoolDirectory)
    {
        var demo = Path.Combine(AppContext.BaseDirectory.Replace("tests/LlmIngest.IntegrationTests", "src/LlmIngest.Demo", StringComparison.Ordinal), "LlmIngest.Demo.dll");
        Assert.True(File.Exists(demo), $"the demo is built by the test project's reference: {demo}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { demo, "--count", "20000" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["LlmIngest__Storage__Kind"] = "S3";
        start.Environment["LlmIngest__Storage__S3__ServiceUrl"] = s3.Endpoint;
        start.Environment["LlmIngest__Storage__S3__Bucket"] = bucket;
        start.Environment["LlmIngest__Storage__S3__AccessKey"] = s3.AccessKey;
        start.Environment["LlmIngest__Storage__S3__SecretKey"] = s3.SecretKey;
        start.Environment["LlmIngest__Storage__S3__Region"] = s3.Region;
        start.Environment["LlmIngest__Storage__Spool__Directory"] = spoolDirectory;
        start.Environment["LlmIngest__Log__Directory"] = _folder.Combine("logs-1");
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync(); // keep the pipe drained
        return process;
    }
}
