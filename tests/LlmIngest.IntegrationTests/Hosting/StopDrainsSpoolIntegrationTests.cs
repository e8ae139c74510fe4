using System.Security.Cryptography;
using LlmIngest.IntegrationTests.Support;

namespace LlmIngest.IntegrationTests.Hosting;

/// <summary>
/// A graceful stop with S3 answering again uploads what an outage left in the spool, instead of leaving it on this
/// disk for a next start that may never come. The outage is a <see cref="TcpOutageProxy"/> in front of the real
/// gateway, and the periodic replay is slowed to an hour so that only the stop can empty the spool.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class StopDrainsSpoolIntegrationTests(S3ServerFixture s3) : IDisposable
{
    private const int Traces = 300;
    private const string Tenant = "stopdrain";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Stop_AfterAnOutageFilledTheSpool_WithS3BackButNoReplayYet_UploadsEverySpooledPayloadAndEmptiesTheSpool()
    {
        await using var bucket = await s3.CreateBucketAsync("stopdrain");
        await using var proxy = new TcpOutageProxy(s3.Endpoint);
        await using var host = IngestTestHost.Create(
            o =>
            {
                s3.ConfigureS3Storage(o.Storage, bucket.Name);
                o.Storage.S3.ServiceUrl = proxy.Url;
                o.Storage.S3.MaxAttempts = 2;
                o.Storage.S3.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
                o.Storage.S3.RequestTimeout = TimeSpan.FromSeconds(5);
                o.Storage.Spool.ReplayInterval = TimeSpan.FromHours(1);
                o.DefaultTenant = Tenant;
                o.Log.Directory = _folder.Path;
            },
            shutdownTimeout: TimeSpan.FromSeconds(60));
        await host.StartAsync();
        var spoolDirectory = Path.GetFullPath(host.Options.Storage.Spool.Directory);

        proxy.Down = true;
        for (var i = 0; i < Traces; i++)
        {
            Assert.True(host.Recorder.Record(Trace(i)));
        }

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var spooled = Directory.GetFiles(spoolDirectory, "*.spool").Length;
        Assert.True(spooled >= Traces / 2, $"only {spooled} payload(s) spooled: the outage did not fill the spool");

        proxy.Down = false;
        await host.StopAsync();

        Assert.Empty(Directory.GetFiles(spoolDirectory, "*.spool"));
        var logs = host.Logs.GetSnapshot();
        // The spool holds the payloads, and may hold the last index segment and its summary: shipped at stop, before the
        // replay, while the store still counted S3 as down (no replay had run since the outage).
        var started = Assert.Single(logs, r => r.Id.Id == 230).Message;
        var atStop = int.Parse(System.Text.RegularExpressions.Regex.Match(started, @"stopping with (\d+) payload\(s\) in the spool at ").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(atStop, spooled, spooled + 2);
        Assert.Contains($"in the spool at {spoolDirectory}", started, StringComparison.Ordinal);
        Assert.Contains(logs, r => r.Id.Id == 231 && r.Message.Contains($"0 left in {spoolDirectory} (spool empty)", StringComparison.Ordinal));
        Assert.EndsWith($"0 payload(s) left in the spool at {spoolDirectory}.", Assert.Single(logs, r => r.Id.Id == 7).Message, StringComparison.Ordinal);

        var lines = PreviewLogLine.ReadFolder(_folder.Path);
        Assert.Equal(Traces, lines.Count);
        using var client = SigV4Client.For(s3);
        var keys = await client.ListKeysAsync(bucket.Name, $"traces/{Tenant}/");
        Assert.Equal(lines.Select(l => l.PayloadKey).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        foreach (var line in lines.Take(50))
        {
            using var response = await client.GetAsync(bucket.Name, line.PayloadKey);
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} for {line.PayloadKey}");
            Assert.Equal(line.PayloadSha256, Convert.ToHexStringLower(SHA256.HashData(Gzip.Decode(await response.Content.ReadAsByteArrayAsync()))));
        }
    }

    private static LlmTrace Trace(int i) => new()
    {
        Model = "gpt-4o-mini",
        FunctionName = "stop_drain",
        Messages = [new LlmMessage("user", $"question {i}: " + new string('q', 200 + (i % 50)))],
        Response = $"answer {i}",
    };
}
