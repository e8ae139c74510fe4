using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using LlmIngest.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>
/// The real S3 server of a test run, started once per run. In order: the server named by
/// <c>LLMINGEST_TEST_S3_ENDPOINT</c>; else MinIO in a container when a Docker engine answers; else the Ceph
/// radosgw of <c>tests/s3server/ceph-rgw.sh</c>. When none can be had it throws: integration tests never skip.
/// </summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    public const string EndpointVariable = "LLMINGEST_TEST_S3_ENDPOINT";
    public const string AccessKeyVariable = "LLMINGEST_TEST_S3_ACCESS_KEY";
    public const string SecretKeyVariable = "LLMINGEST_TEST_S3_SECRET_KEY";
    public const string RegionVariable = "LLMINGEST_TEST_S3_REGION";
    public const string KeepServerVariable = "LLMINGEST_TEST_KEEP_S3";

    private const string Tag = "[S3ServerFixture]";

    private readonly IMessageSink _diagnostics;
    private S3Endpoint? _endpoint;
    private AmazonS3Client? _client;
    private MinioContainer? _minio;
    private CephRadosGateway? _cephToStop;

    public S3ServerFixture(IMessageSink diagnostics) => _diagnostics = diagnostics;

    public S3ServerMode Mode { get; private set; }

    public string Endpoint => Server.ServiceUrl;

    public string AccessKey => Server.AccessKey;

    public string SecretKey => Server.SecretKey;

    public string Region => Server.Region;

    /// <summary>A client configured as the library configures its own for a non-AWS endpoint.</summary>
    public IAmazonS3 Client => _client ?? throw new InvalidOperationException("The S3 server fixture is not initialized.");

    private S3Endpoint Server => _endpoint ?? throw new InvalidOperationException("The S3 server fixture is not initialized.");

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            _endpoint = await ResolveAsync();
            _client = CreateClient(_endpoint);
            await WaitUntilSignedRequestsSucceedAsync(Mode == S3ServerMode.Environment ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }

        Log($"using {Mode} at {Endpoint}, ready after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        _client = null;
        if (_minio is not null)
        {
            await _minio.DisposeAsync();
            _minio = null;
            Log("MinIO container removed");
        }

        if (_cephToStop is not null)
        {
            var clock = Stopwatch.StartNew();
            var stop = await _cephToStop.StopAsync();
            _cephToStop = null;
            Log(stop.Succeeded
                ? $"Ceph radosgw stopped in {clock.Elapsed.TotalSeconds:0.0} s"
                : $"ceph-rgw.sh stop exited with {stop.ExitCode}: {stop.ErrorTail(5)}");
        }
    }

    /// <summary>
    /// Stops the S3 server (an outage) when it is the Ceph radosgw of <c>tests/s3server</c>: only its gateway daemon,
    /// so <see cref="StartServerAsync"/> brings the same data back. Other servers cannot be restarted by the tests.
    /// </summary>
    public Task StopServerAsync() => RunCephAsync("stop-rgw");

    /// <summary>Starts the gateway stopped by <see cref="StopServerAsync"/> and waits until it answers.</summary>
    public Task StartServerAsync() => RunCephAsync("start-rgw");

    /// <summary>Creates an empty bucket with a unique name; disposing it deletes its objects and the bucket.</summary>
    public Task<TestBucket> CreateBucketAsync(string purpose) => TestBucket.CreateAsync(Client, TestBucket.UniqueName(purpose));

    /// <summary>Points the pipeline's payload store at <paramref name="bucket"/> on this server.</summary>
    public void ConfigureS3Storage(StorageOptions storage, string bucket)
    {
        ArgumentNullException.ThrowIfNull(storage);
        storage.Kind = PayloadStoreKind.S3;
        storage.S3.ServiceUrl = Endpoint;
        storage.S3.Bucket = bucket;
        storage.S3.AccessKey = AccessKey;
        storage.S3.SecretKey = SecretKey;
        storage.S3.Region = Region;

        // A spool of its own per host: a shared one would replay one test's payloads into another's bucket.
        storage.Spool.Directory = Path.Combine(Path.GetTempPath(), "llmingest-integration-tests", "spool-" + Guid.NewGuid().ToString("N"));
        storage.Spool.ReplayInterval = TimeSpan.FromMilliseconds(200);
    }

    private async Task RunCephAsync(string command)
    {
        var state = Environment.GetEnvironmentVariable("LLMINGEST_S3_STATE") ?? "/tmp/llmingest-ceph";
        var envFile = Path.Combine(state, "env");
        if (!File.Exists(envFile) || !(await File.ReadAllTextAsync(envFile)).Contains(Endpoint, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Restarting the S3 server is supported for the Ceph radosgw of tests/s3server only; {Endpoint} ({Mode}) is not one (no {envFile} naming it).");
        }

        var result = await ExternalCommand.RunAsync("bash", [CephRadosGateway.ScriptPath, command], TimeSpan.FromMinutes(2));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"ceph-rgw.sh {command} exited with {result.ExitCode}: {result.ErrorTail(10)}");
        }

        Log($"ceph-rgw.sh {command} done");
    }

    private static AmazonS3Client CreateClient(S3Endpoint endpoint) => new AmazonS3Client(
        new BasicAWSCredentials(endpoint.AccessKey, endpoint.SecretKey),
        new AmazonS3Config
        {
            ServiceURL = endpoint.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = endpoint.Region,

            // RGW 16 and others reject the SDK v4 default of streamed trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static string NeverSkipsNote() =>
        string.Equals(Variable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? " (CI=true: the integration tests fail rather than skip without a server.)"
            : " (The integration tests fail rather than skip without a server.)";

    private async Task<S3Endpoint> ResolveAsync()
    {
        if (Variable(EndpointVariable) is { } url)
        {
            Mode = S3ServerMode.Environment;
            return new S3Endpoint(
                url,
                Variable(AccessKeyVariable) ?? throw new InvalidOperationException($"{EndpointVariable} is set but {AccessKeyVariable} is not." + NeverSkipsNote()),
                Variable(SecretKeyVariable) ?? throw new InvalidOperationException($"{EndpointVariable} is set but {SecretKeyVariable} is not." + NeverSkipsNote()),
                Variable(RegionVariable) ?? "us-east-1");
        }

        var docker = await DockerEngine.ProbeAsync();
        if (docker.Reachable)
        {
            Mode = S3ServerMode.MinioContainer;
            Log($"{EndpointVariable} is not set; {docker.Reason}: starting MinIO with Testcontainers");
            _minio = await MinioContainer.StartAsync(CancellationToken.None);
            return _minio.Endpoint;
        }

        Mode = S3ServerMode.CephRadosGateway;
        Log($"{EndpointVariable} is not set and no Docker engine ({docker.Reason}): running {CephRadosGateway.ScriptPath} start");
        CephRadosGateway ceph;
        try
        {
            ceph = await CephRadosGateway.StartAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"No S3 server for the integration tests: {EndpointVariable} is not set, no Docker engine is reachable ({docker.Reason}), "
                + $"and the Ceph radosgw could not be started: {e.Message}" + NeverSkipsNote(),
                e);
        }

        if (!ceph.StartedHere)
        {
            Log("ceph-rgw.sh reused a cluster that was already running; it is left running afterwards");
        }
        else if (Variable(KeepServerVariable) is not null)
        {
            Log($"{KeepServerVariable} is set: the Ceph cluster is left running afterwards");
        }
        else
        {
            _cephToStop = ceph;
        }

        Log($"ceph-rgw.sh: {ceph.StartLog}");
        return ceph.Endpoint;
    }

    private async Task WaitUntilSignedRequestsSucceedAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await Client.ListBucketsAsync(attempt.Token);
                return;
            }
            catch (AmazonS3Exception e) when (e.StatusCode != 0 && (int)e.StatusCode < 500)
            {
                // The server answered and refused: waiting will not help.
                throw new InvalidOperationException(
                    $"The S3 server at {Endpoint} ({Mode}) refused a signed ListBuckets: {(int)e.StatusCode} {e.ErrorCode}: {e.Message}. Check {AccessKeyVariable}/{SecretKeyVariable}." + NeverSkipsNote(),
                    e);
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException or OperationCanceledException or IOException)
            {
                if (deadline.Elapsed > timeout)
                {
                    var hint = Mode == S3ServerMode.Environment
                        ? $" Start it (e.g. eval \"$(tests/s3server/ceph-rgw.sh start)\") or unset {EndpointVariable} to let the fixture start one."
                        : string.Empty;
                    throw new InvalidOperationException(
                        $"The S3 server at {Endpoint} ({Mode}) did not answer a signed ListBuckets within {timeout.TotalSeconds:0} s: {e.GetType().Name}: {e.Message}.{hint}" + NeverSkipsNote(),
                        e);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    private void Log(string message)
    {
        foreach (var line in message.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            _diagnostics.OnMessage(new DiagnosticMessage($"{Tag} {line}"));
        }
    }
}
