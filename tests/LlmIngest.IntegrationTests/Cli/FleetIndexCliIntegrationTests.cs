using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using LlmIngest.Capture;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.Storage;

namespace LlmIngest.IntegrationTests.Cli;

/// <summary>
/// <c>llmtrace</c> reading the fleet index from the bucket, as a debugger on a fresh machine would: only a config with
/// bucket access, no local log. The test records real traces (payloads in the bucket), then uploads their JSONL lines
/// itself as index segments of three instances with summaries (one segment without), plus older segments three days back.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class FleetIndexCliIntegrationTests(S3ServerFixture s3) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);
    private static readonly string[] Instances = ["pod-a", "pod-b", "pod-c"];

    private readonly TempFolder _folder = new();
    private readonly string _prefix = new StorageOptions().S3.Prefix;
    private TestBucket? _bucket;

    private TestBucket Bucket => _bucket!;

    public async Task InitializeAsync() => _bucket = await s3.CreateBucketAsync("fleet");

    public async Task DisposeAsync()
    {
        if (_bucket is not null)
        {
            await _bucket.DisposeAsync();
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Find_FromAnEmptyDirectory_ReadsTheFleetIndex_ExactlyAsTheSameLinesLocally_ThenFromTheCache()
    {
        var index = await BuildIndexAsync();
        var config = await ConfigAsync();
        var session = index.Session;
        var expected = index.Recent.Where(l => Session(l) == session && !IsOperation(l)).ToList();
        Assert.True(expected.Count >= 3, "the session should have several calls");
        Assert.Contains(index.Recent, l => Session(l) == session && IsOperation(l));

        var cold = await LlmTraceCli.RunAsync("find", "--session", session, "--since", "24h", "--json", "--config", config, "--cache", _folder.Combine("cache"));

        Assert.True(cold.ExitCode == 0, cold.ToString());
        var found = cold.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(found, IsOperation);

        // Only the summaries and the segments that may hold the session were downloaded; the one without a summary too.
        var downloaded = Downloaded(cold.Stderr);
        Assert.InRange(downloaded, index.RecentSegmentsWith(session) + 1, index.RecentSegments - 1);
        Assert.Contains($"{index.RecentSegments} segment(s) listed", cold.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{index.RecentSegments} summaries downloaded", cold.Stderr, StringComparison.Ordinal);

        // The same lines read locally give the same output, through the same filter.
        var local = await LlmTraceCli.RunAsync("find", "--session", session, "--since", "24h", "--json", "--log", index.LocalFolder);
        Assert.Equal(local.Stdout.Split('\n').Order(StringComparer.Ordinal), cold.Stdout.Split('\n').Order(StringComparer.Ordinal));
        var localTable = await LlmTraceCli.RunAsync("find", "--session", session, "--since", "24h", "--log", index.LocalFolder);
        var fleetTable = await LlmTraceCli.RunAsync("find", "--session", session, "--since", "24h", "--config", config, "--cache", _folder.Combine("cache"));
        Assert.Equal(localTable.Stdout.Split('\n').Order(StringComparer.Ordinal), fleetTable.Stdout.Split('\n').Order(StringComparer.Ordinal));

        // Warm: the cache answers, nothing is downloaded.
        Assert.Equal(0, Downloaded(fleetTable.Stderr));
        Assert.Contains("0 summaries downloaded", fleetTable.Stderr, StringComparison.Ordinal);

        // --operations lists the session's agent run lines, and only those.
        var operations = await LlmTraceCli.RunAsync("find", "--session", session, "--operations", "--json", "--config", config, "--cache", _folder.Combine("cache"));
        Assert.Equal(index.All.Where(l => Session(l) == session && IsOperation(l)).Order(StringComparer.Ordinal), operations.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Since_PrunesPartitions_StatsTotalTheIndex_AndGetFindsTheTenantFromTheIdAlone()
    {
        var index = await BuildIndexAsync();
        var config = await ConfigAsync();
        var session = index.Session;

        // Without --since the old partitions are listed and the old copies of the session's calls found; with it they are not.
        var all = await LlmTraceCli.RunAsync("find", "--session", session, "--json", "--config", config, "--cache", _folder.Combine("cache-all"));
        var recent = await LlmTraceCli.RunAsync("find", "--session", session, "--since", "24h", "--json", "--config", config, "--cache", _folder.Combine("cache-recent"));
        Assert.True(all.ExitCode == 0 && recent.ExitCode == 0, all + "\n" + recent);
        Assert.Contains($"{index.RecentSegments + index.OldSegments} segment(s) listed", all.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{index.RecentSegments} segment(s) listed", recent.Stderr, StringComparison.Ordinal);
        Assert.True(Downloaded(recent.Stderr) < Downloaded(all.Stderr), all.Stderr + "\n" + recent.Stderr);
        Assert.Equal(index.All.Count(l => Session(l) == session && !IsOperation(l)), all.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // stats totals equal the calls in the index (operations apart), per tenant too.
        var stats = await LlmTraceCli.RunAsync("stats", "--config", config, "--cache", _folder.Combine("cache-all"));
        Assert.True(stats.ExitCode == 0, stats.ToString());
        var calls = index.All.Count(l => !IsOperation(l));
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{calls:N0} calls in "), stats.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{index.All.Count(IsOperation)} operation(s)", stats.Stdout, StringComparison.Ordinal);
        var acme = await LlmTraceCli.RunAsync("stats", "--tenant", "acme", "--since", "24h", "--config", config, "--cache", _folder.Combine("cache-all"));
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{index.Recent.Count(l => !IsOperation(l) && Tenant(l) == "acme"):N0} calls in "), acme.Stdout, StringComparison.Ordinal);

        // A tenant that cannot be a key segment is a usage error, not a stack trace.
        var badTenant = await LlmTraceCli.RunAsync("find", "--tenant", "../etc", "--config", config, "--cache", _folder.Combine("cache-all"));
        Assert.True(badTenant.ExitCode == LlmIngest.Cli.ExitCodes.Usage, badTenant.ToString());

        // get with nothing but the id: the tenant is found by probing the index's tenants; verify reads the lines from the index.
        var trace = index.Recent.Where(l => Tenant(l) == "acme" && !IsOperation(l)).GroupBy(TraceId).OrderByDescending(g => g.Count()).First();
        var get = await LlmTraceCli.RunAsync("get", trace.Key, "--config", config);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Contains($"trace {trace.Key} · tenant acme · {trace.Count()} call(s)", get.Stdout, StringComparison.Ordinal);
        Assert.Equal(trace.Count(), get.Stdout.Split("verified: sha256").Length - 1);
        var verify = await LlmTraceCli.RunAsync("verify", trace.Key, "--config", config, "--cache", _folder.Combine("cache-all"));
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal(trace.Count(), verify.Stdout.Split("ok    step").Length - 1);
    }

    private static int Downloaded(string stderr)
    {
        var at = stderr.IndexOf(" downloaded, ", StringComparison.Ordinal);
        Assert.True(at > 0, stderr);
        var start = stderr.LastIndexOf('(', at) + 1;
        return int.Parse(stderr[start..at], CultureInfo.InvariantCulture);
    }

    private static string? Session(string line) => JsonNode.Parse(line)!["session_id"]?.GetValue<string>();

    private static string Tenant(string line) => JsonNode.Parse(line)!["tenant_id"]!.GetValue<string>();

    private static string TraceId(string line) => JsonNode.Parse(line)!["trace_id"]!.GetValue<string>();

    private static bool IsOperation(string line) => PreviewLogLine.IsOperationLine(line);

    private static DateTimeOffset Timestamp(string line) => DateTimeOffset.Parse(JsonNode.Parse(line)!["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>Records real traces, then uploads their lines (plus agent-run lines and older copies) as index segments.</summary>
    private async Task<FleetIndexContent> BuildIndexAsync()
    {
        var logs = _folder.Combine("host-logs");
        await using (var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, Bucket.Name);
            o.Log.Directory = logs;
            o.Log.Ship.Enabled = false;
        }))
        {
            await host.StartAsync();
            foreach (var call in TrafficMix.Create(240, 60, seed: 15).SelectMany(operation => operation))
            {
                Assert.True(host.Recorder.Record(call.Trace));
            }

            await host.Recorder.FlushAsync().WaitAsync(Budget);
            await host.StopAsync();
        }

        var recent = Directory.GetFiles(logs, "*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines).Where(l => l.Length > 0).ToList();
        Assert.Equal(240, recent.Count);

        // The session of the longest acme agent run, with an operation line of its own as BeginOperation writes one.
        var session = recent.Where(l => Tenant(l) == "acme" && Session(l)!.StartsWith("sess-op-", StringComparison.Ordinal))
            .GroupBy(Session).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key!;
        foreach (var group in recent.GroupBy(Session).Where(g => g.Key!.StartsWith("sess-op-", StringComparison.Ordinal)).ToList())
        {
            var operation = JsonNode.Parse(group.First())!.AsObject();
            operation["span_id"] = TraceIdentifiers.NewSpanId();
            operation["calls"] = group.Count();
            operation["errors"] = 0;
            operation["payload_stored"] = false;
            operation["payload_key"] = string.Empty;
            recent.Add(operation.ToJsonString());
        }

        // Older copies, three days back: other calls moved into the session, so only an unpruned listing finds them.
        var old = recent.Where(l => !IsOperation(l)).Take(40).Select(l =>
        {
            var node = JsonNode.Parse(l)!.AsObject();
            node["timestamp"] = Timestamp(l).AddDays(-3).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            node["session_id"] = session;
            node["trace_id"] = TraceIdentifiers.NewTraceId();
            return node.ToJsonString();
        }).ToList();

        var localFolder = _folder.Combine("local-copy");
        Directory.CreateDirectory(localFolder);
        var recentSegments = await UploadAsync(recent, localFolder, summaries: true);
        var oldSegments = await UploadAsync(old, null, summaries: true);
        return new FleetIndexContent(session, recent, [.. recent, .. old], recentSegments.Count, oldSegments.Count, localFolder, recentSegments);
    }

    /// <summary>Segments of at most 12 lines per tenant, hour and instance; every summary but the first segment's.</summary>
    private async Task<List<List<string>>> UploadAsync(List<string> lines, string? localFolder, bool summaries)
    {
        var segments = new List<List<string>>();
        var n = 0;
        foreach (var partition in lines.GroupBy(l => (Tenant(l), Hour(Timestamp(l)))).OrderBy(g => g.Key.Item2).ThenBy(g => g.Key.Item1, StringComparer.Ordinal))
        {
            var byInstance = partition.Select((line, i) => (line, i)).GroupBy(x => Instances[x.i % Instances.Length], x => x.line);
            foreach (var instance in byInstance)
            {
                long sequence = 0;
                foreach (var chunk in instance.Chunk(12))
                {
                    var key = IndexKeys.ForSegment(_prefix, partition.Key.Item1, partition.Key.Item2, instance.Key, sequence++);
                    var text = string.Concat(chunk.Select(l => l + "\n"));
                    var put = new PutObjectRequest { BucketName = Bucket.Name, Key = key, InputStream = new MemoryStream(Gzip(text)), ContentType = "application/gzip" };
                    await s3.Client.PutObjectAsync(put);
                    if (summaries && n++ > 0)
                    {
                        var parsed = chunk.Select(l => System.Text.Json.JsonSerializer.Deserialize(l, LlmIngestJsonContext.Default.LlmTraceLogLine)!).ToList();
                        await s3.Client.PutObjectAsync(new PutObjectRequest
                        {
                            BucketName = Bucket.Name,
                            Key = IndexKeys.ForSummary(key),
                            InputStream = new MemoryStream(IndexSegmentSummary.Build(parsed)),
                            ContentType = "application/octet-stream",
                        });
                    }

                    if (localFolder is not null)
                    {
                        await File.WriteAllTextAsync(Path.Combine(localFolder, $"{partition.Key.Item2:yyyyMMddHH}_{partition.Key.Item1}_{instance.Key}_{sequence:D10}.jsonl"), text);
                    }

                    segments.Add([.. chunk]);
                }
            }
        }

        return segments;
    }

    private static DateTime Hour(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, 0, 0, DateTimeKind.Utc);

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private Task<string> ConfigAsync() => CliConfigFile.WriteAsync(_folder.Combine("appsettings.json"), s3, Bucket.Name, _folder.Combine("no-local-logs"));

    private sealed record FleetIndexContent(string Session, List<string> Recent, List<string> All, int RecentSegments, int OldSegments, string LocalFolder, List<List<string>> RecentSegmentLines)
    {
        public int RecentSegmentsWith(string session) => RecentSegmentLines.Count(s => s.Any(l => FleetIndexCliIntegrationTests.Session(l) == session));
    }
}
