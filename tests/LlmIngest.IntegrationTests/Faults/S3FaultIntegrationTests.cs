using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using LlmIngest.Hosting;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace LlmIngest.IntegrationTests.Faults;

/// <summary>
/// S3 misbehaving in front of the real radosgw — error answers, resets, slow answers, revoked credentials, a deleted
/// bucket — while the app records. Each scenario checks what the app sees (Record never throws), what the metrics and the
/// health check say, and ends with exact reconciliation and a scan for leaked secrets and prompt text.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class S3FaultIntegrationTests(S3ServerFixture s3, ITestOutputHelper output) : IDisposable
{
    internal const string Marker = "prompt-marker-";
    private const int StorePermanentFailureEventId = 10;
    private const int StoreOutageEventId = 11;
    private static readonly string[] Tenants = ["acme", "globex"];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(S3Fault.SlowDown, "throttled")]
    [InlineData(S3Fault.InternalError, "server_error")]
    [InlineData(S3Fault.ConnectionReset, "connection")]
    [InlineData(S3Fault.SlowResponse, "timeout")]
    public async Task Faults_S3FailingEveryRequest_PayloadsSpoolAndHealthIsDegraded_ThenEveryAcceptedTraceEndsInTheLogAndTheBucketExactlyOnce(S3Fault fault, string reason)
    {
        var handler = new FaultInjectingHandler { Delay = TimeSpan.FromSeconds(2) };
        await using var bucket = await s3.CreateBucketAsync("fault-" + fault);
        await using var host = CreateHost(bucket.Name, handler);
        await host.StartAsync();
        var health = host.Services.GetRequiredService<HealthCheckService>();

        RecordAll(host, 0, 200);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);

        handler.Inject(fault);
        RecordAll(host, 200, 300);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var during = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, during.Status);
        Assert.Equal(300, host.Metric("llmingest.spool.depth"));
        Assert.True(host.Metric("llmingest.storage.failures", reason) > 0, $"failures{{reason={reason}}}");
        Assert.True(host.Metric("llmingest.storage.retries", reason) > 0, $"retries{{reason={reason}}}");
        Assert.Contains(LibraryLogs(host), r => r.Id.Id == StoreOutageEventId);
        Assert.Equal(0, host.Metric("llmingest.payloads.failed"));

        handler.Inject(S3Fault.None);
        await Poll.AssertUntilAsync(() => host.Metric("llmingest.spool.depth") == 0, TimeSpan.FromMinutes(1), "the spool drains once S3 answers");
        RecordAll(host, 500, 200);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
        await host.StopAsync();

        var figures = await Reconciliation.AssertExactAsync(host, bucket, [LogFolder]);
        output.WriteLine($"{fault}: {figures}; injected {handler.Injected.GetValueOrDefault(fault)}");
        Assert.Equal(700, figures.Accepted);
        Assert.Equal(700, figures.InBucket);
        await AssertTenantIsolationAsync(bucket);
        await Reconciliation.AssertNoLeaksAsync(host, [LogFolder], Secrets(handler), Marker);
    }

    [Fact]
    public async Task Faults_S3Throttling30PercentOfRequests_RetriesAbsorbIt_AndReconciliationIsExact()
    {
        var handler = new FaultInjectingHandler();
        await using var bucket = await s3.CreateBucketAsync("fault-flaky");
        await using var host = CreateHost(bucket.Name, handler, maxAttempts: 4);
        await host.StartAsync();

        handler.Inject(S3Fault.SlowDown, rate: 0.3);
        RecordAll(host, 0, 1_000);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(2));
        handler.Inject(S3Fault.None);
        await Poll.AssertUntilAsync(() => host.Metric("llmingest.spool.depth") == 0, TimeSpan.FromMinutes(1), "the spool drains");
        await host.StopAsync();

        var figures = await Reconciliation.AssertExactAsync(host, bucket, [LogFolder]);
        output.WriteLine($"flaky: {figures}; retries {host.Metric("llmingest.storage.retries", "throttled")} throttled + {host.Metric("llmingest.storage.retries") - host.Metric("llmingest.storage.retries", "throttled")} other, failed uploads {host.Metric("llmingest.storage.failures", "throttled")} throttled + {host.Metric("llmingest.storage.failures") - host.Metric("llmingest.storage.failures", "throttled")} other, spooled {host.Metric("llmingest.spool.writes")}, injected {handler.Injected.GetValueOrDefault(S3Fault.SlowDown)}");
        Assert.Equal(1_000, figures.InBucket);
        Assert.True(host.Metric("llmingest.storage.retries", "throttled") > 0);

        // One upload out of retries does not make S3 "down", and when two do, a probe finds S3 answering within
        // RetryBaseDelay: the traffic keeps going direct rather than through the spool.
        Assert.True(host.Metric("llmingest.spool.writes") < 300, $"{host.Metric("llmingest.spool.writes")} of 1,000 payloads went through the spool");
        await Reconciliation.AssertNoLeaksAsync(host, [LogFolder], Secrets(handler), Marker);
    }

    [Fact]
    public async Task Faults_DuringAnOutage_EachProbeMakesOneAttempt_SoNoBatchWaitsForRetryBackoff_AndNothingIsLost()
    {
        // Retries far slower than the spool: a probe that retried with backoff held its whole batch for seconds.
        var handler = new FaultInjectingHandler();
        await using var bucket = await s3.CreateBucketAsync("fault-probe");
        await using var host = CreateHost(bucket.Name, handler, maxAttempts: 4, configure: o =>
        {
            o.Storage.S3.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
            o.Storage.S3.RetryMaxDelay = TimeSpan.FromSeconds(2);

            // The replay (which does retry) runs only when this test calls it, so every retry counted is the worker's.
            o.Storage.Spool.ReplayInterval = TimeSpan.FromHours(1);
        });
        await host.StartAsync();

        handler.Inject(S3Fault.InternalError);
        RecordAll(host, 0, 2);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Contains(LibraryLogs(host), r => r.Id.Id == StoreOutageEventId);
        var retriesBefore = host.Metric("llmingest.storage.retries");
        var injectedBefore = handler.Injected.GetValueOrDefault(S3Fault.InternalError);
        Assert.Equal(6, retriesBefore); // the two uploads that found S3 down: 3 retries each

        RecordAll(host, 2, 500);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));

        var probes = handler.Injected.GetValueOrDefault(S3Fault.InternalError) - injectedBefore;
        output.WriteLine($"outage: {probes} probe request(s) while 500 traces spooled, retries {host.Metric("llmingest.storage.retries") - retriesBefore}");
        Assert.True(probes > 0, "no probe reached S3 during the outage");
        Assert.Equal(retriesBefore, host.Metric("llmingest.storage.retries"));
        Assert.Equal(502, host.Metric("llmingest.spool.depth"));

        handler.Inject(S3Fault.None);
        await host.Services.GetRequiredService<ISpoolReplayer>().ReplayAsync(CancellationToken.None);
        Assert.Equal(0, host.Metric("llmingest.spool.depth"));
        await host.StopAsync();

        var figures = await Reconciliation.AssertExactAsync(host, bucket, [LogFolder]);
        Assert.Equal(502, figures.InBucket);
    }

    [Fact]
    public async Task Faults_CredentialsRevokedMidRun_PayloadsSpoolAsAccessDeniedReportedOnce_AndAllArriveOnceTheUserIsReenabled()
    {
        // A radosgw user of this test's own, suspended with radosgw-admin while the app records.
        var uid = "llmingest-it-" + Guid.NewGuid().ToString("N")[..10];
        var accessKey = "AK" + Guid.NewGuid().ToString("N")[..18].ToUpperInvariant();
        var secretKey = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")[..8];
        await RadosgwAdminAsync("user", "create", "--uid=" + uid, "--display-name=" + uid, "--access-key=" + accessKey, "--secret-key=" + secretKey);
        var handler = new FaultInjectingHandler();
        using var userClient = UserClient(accessKey, secretKey);
        var bucketName = TestBucket.UniqueName("revoked");
        try
        {
            await using var bucket = await TestBucket.CreateAsync(userClient, bucketName);
            await using (var host = CreateHost(bucketName, handler, configure: o =>
            {
                o.Storage.S3.AccessKey = accessKey;
                o.Storage.S3.SecretKey = secretKey;
            }))
            {
                await host.StartAsync();
                var health = host.Services.GetRequiredService<HealthCheckService>();
                RecordAll(host, 0, 200);
                await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));

                await RadosgwAdminAsync("user", "suspend", "--uid=" + uid);
                await Poll.AssertUntilAsync(async () => await PutFailsWithAsync(userClient, bucketName, 403), TimeSpan.FromSeconds(30), "the suspension takes effect");
                RecordAll(host, 200, 300);
                await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
                Assert.Equal(300, host.Metric("llmingest.spool.depth"));
                Assert.True(host.Metric("llmingest.storage.failures", "access_denied") > 0);
                Assert.Equal(0, host.Metric("llmingest.storage.retries", "access_denied")); // retrying cannot fix it
                Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync()).Status);
                var report = Assert.Single(LibraryLogs(host), r => r.Id.Id == StorePermanentFailureEventId);
                Assert.Contains("access_denied", report.Message, StringComparison.Ordinal);

                await RadosgwAdminAsync("user", "enable", "--uid=" + uid);
                await Poll.AssertUntilAsync(() => host.Metric("llmingest.spool.depth") == 0, TimeSpan.FromMinutes(1), "the spool drains once the key works again");
                RecordAll(host, 500, 100);
                await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
                Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
                await host.StopAsync();

                var figures = await Reconciliation.AssertExactAsync(host, bucket, [LogFolder]);
                output.WriteLine($"revoked: {figures}");
                Assert.Equal(600, figures.InBucket);
                await Reconciliation.AssertNoLeaksAsync(host, [LogFolder], [.. Secrets(handler), accessKey, secretKey], Marker);
            }
        }
        finally
        {
            await RadosgwAdminAsync("user", "rm", "--uid=" + uid, "--purge-data");
        }
    }

    [Fact]
    public async Task Faults_BucketDeletedMidRun_PayloadsSpoolAsNoSuchBucket_AndAllArriveOnceItIsRecreated()
    {
        var handler = new FaultInjectingHandler();
        await using var bucket = await s3.CreateBucketAsync("deleted");
        await using var host = CreateHost(bucket.Name, handler);
        await host.StartAsync();
        var health = host.Services.GetRequiredService<HealthCheckService>();
        RecordAll(host, 0, 200);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var before = PreviewLogLine.ReadFolder(LogFolder).Select(l => l.PayloadKey).ToHashSet(StringComparer.Ordinal);

        // An operator empties and deletes the bucket: what was in it is gone by their hand.
        foreach (var key in await bucket.ListKeysAsync())
        {
            await s3.Client.DeleteObjectAsync(bucket.Name, key);
        }

        await s3.Client.DeleteBucketAsync(bucket.Name);
        RecordAll(host, 200, 300);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(300, host.Metric("llmingest.spool.depth"));
        Assert.True(host.Metric("llmingest.storage.failures", "no_such_bucket") > 0);
        Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync()).Status);
        Assert.Single(LibraryLogs(host), r => r.Id.Id == StorePermanentFailureEventId && r.Message.Contains("no_such_bucket", StringComparison.Ordinal));

        await s3.Client.PutBucketAsync(bucket.Name);
        await Poll.AssertUntilAsync(() => host.Metric("llmingest.spool.depth") == 0, TimeSpan.FromMinutes(1), "the spool drains into the recreated bucket");
        await host.StopAsync();

        // The recreated bucket holds exactly the payloads recorded while it was missing.
        var lines = PreviewLogLine.ReadFolder(LogFolder);
        Assert.Equal(500, lines.Count);
        var keys = await bucket.ListPayloadKeysAsync();
        Assert.Equal(lines.Select(l => l.PayloadKey).Where(k => !before.Contains(k)).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.True(l.PayloadStored));
        output.WriteLine($"bucket deleted: 500 lines, 200 before the deletion (deleted with it), 300 spooled and replayed, bucket {keys.Count}");
        await Reconciliation.AssertNoLeaksAsync(host, [LogFolder], Secrets(handler), Marker);
    }

    internal static LlmTrace Trace(int i) => new()
    {
        TenantId = Tenants[i % Tenants.Length],
        Model = "gpt-4o-mini",
        FunctionName = "fault_test",
        SessionId = "s-" + (i % 20),
        Messages = [new LlmMessage("user", $"{Marker}{i} what is the status of order {i}? " + new string('q', 300 + (i % 50)))],
        Response = $"{Marker}answer-{i}",
        PromptTokens = 100,
        CompletionTokens = 20,
        LatencyMs = 100 + i,
        Error = i % 10 == 0 ? "rate limited" : null,
    };

    internal static void RecordAll(IngestTestHost host, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            Assert.True(host.Recorder.Record(Trace(i)), $"trace {i} accepted");
        }
    }

    internal static List<Microsoft.Extensions.Logging.Testing.FakeLogRecord> LibraryLogs(IngestTestHost host) =>
        [.. host.Logs.GetSnapshot().Where(r => r.Category?.StartsWith("LlmIngest", StringComparison.Ordinal) == true)];

    private string LogFolder => _folder.Combine("logs");

    private IEnumerable<string> Secrets(FaultInjectingHandler handler)
    {
        Assert.NotEmpty(handler.AuthorizationValues);
        foreach (var value in handler.AuthorizationValues.Keys)
        {
            yield return value;
            var signature = value.IndexOf("Signature=", StringComparison.Ordinal);
            if (signature >= 0)
            {
                yield return value[(signature + "Signature=".Length)..];
            }
        }

        yield return s3.SecretKey;
        yield return "AWS4-HMAC-SHA256";
    }

    private IngestTestHost CreateHost(string bucket, FaultInjectingHandler handler, int maxAttempts = 2, Action<LlmTraceIngestOptions>? configure = null) =>
        IngestTestHost.Create(
            o =>
            {
                s3.ConfigureS3Storage(o.Storage, bucket);
                o.Log.Directory = LogFolder;
                o.Storage.S3.MaxAttempts = maxAttempts;
                o.Storage.S3.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
                o.Storage.S3.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
                o.Storage.S3.RequestTimeout = TimeSpan.FromSeconds(1);
                configure?.Invoke(o);
            },
            services =>
            {
                services.AddSingleton<HttpClientFactory>(new FaultInjectingHttpClientFactory(handler));
                services.AddHealthChecks().AddLlmTraceIngest();
            });

    private async Task AssertTenantIsolationAsync(TestBucket bucket)
    {
        var keys = await bucket.ListPayloadKeysAsync();
        Assert.All(keys, k => Assert.True(k.StartsWith("traces/acme/", StringComparison.Ordinal) || k.StartsWith("traces/globex/", StringComparison.Ordinal), k));
        var globex = keys.First(k => k.StartsWith("traces/globex/", StringComparison.Ordinal)).Split('/');
        using var reader = S3StoreFactory.Create(
            s3.Client,
            new StorageOptions { ReadTenant = "acme", S3 = { Bucket = bucket.Name } },
            _folder.Combine("reader-spool"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => reader.ReadTraceAsync("globex", globex[2], CancellationToken.None));
        Assert.NotEmpty(await reader.ReadTraceAsync("acme", keys.First(k => k.StartsWith("traces/acme/", StringComparison.Ordinal)).Split('/')[2], CancellationToken.None));
    }

    private AmazonS3Client UserClient(string accessKey, string secretKey) => new(
        new BasicAWSCredentials(accessKey, secretKey),
        new AmazonS3Config
        {
            ServiceURL = s3.Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = s3.Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 0,
        });

    private static async Task<bool> PutFailsWithAsync(AmazonS3Client client, string bucket, int status)
    {
        try
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "probe/suspended", ContentBody = "x" });
            return false;
        }
        catch (AmazonS3Exception e)
        {
            return (int)e.StatusCode == status;
        }
    }

    private static async Task RadosgwAdminAsync(params string[] arguments)
    {
        var conf = Path.Combine(Environment.GetEnvironmentVariable("LLMINGEST_S3_STATE") ?? "/tmp/llmingest-ceph", "ceph.conf");
        var result = await ExternalCommand.RunAsync("radosgw-admin", ["-c", conf, .. arguments], TimeSpan.FromSeconds(60));
        Assert.True(result.Succeeded, $"radosgw-admin {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.ErrorTail(5)}");
    }
}
