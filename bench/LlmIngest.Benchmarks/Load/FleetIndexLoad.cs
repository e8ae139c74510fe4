using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;

namespace LlmIngest.Benchmarks.Load;

/// <summary>
/// <c>fleet-index [--count 1000000] [--instances 12] [--hours 24] [--segment-lines 18000] [--session-calls 20] [--keep 0]</c>:
/// writes an index of <c>count</c> JSONL lines (~750 B each, as the local log writes them) into a bucket of its own as
/// segments of 12 instances over the last 24 hours, each with its summary — generated, gzipped (fastest) and uploaded
/// in parallel, streamed segment by segment — then times <c>llmtrace find --session X --since 24h</c> as a process with
/// an empty cache (cold) and again (warm). Sessions are spread over the instances of an hour (a load balancer without
/// sticky sessions), <c>session-calls</c> calls each. Deletes the bucket at the end unless <c>--keep 1</c>.
/// </summary>
internal static class FleetIndexLoad
{
    private const string Tenant = "acme";
    private const string TracePlaceholder = "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT";
    private const string SpanPlaceholder = "SSSSSSSSSSSSSSSS";
    private const string SessionPlaceholder = "sess-QQQQQQQQQQQQ";
    private const int PreviewLength = 80;
    private static readonly string HashPlaceholder = new('H', 64);
    private static readonly string InputPlaceholder = new('I', PreviewLength);
    private const int OutputPreviewLength = 40;
    private static readonly string OutputPlaceholder = new('O', OutputPreviewLength);
    private static readonly string[] Words =
    [
        "order", "refund", "charged", "twice", "invoice", "delivery", "late", "please", "check", "account", "password", "reset",
        "the", "my", "a", "for", "and", "is", "not", "working", "since", "yesterday", "can", "you", "help", "with", "billing",
        "address", "changed", "subscription", "cancel", "upgrade", "plan", "error", "message", "says", "payment", "declined",
        "card", "expired", "shipping", "tracking", "number", "package", "damaged", "return", "label", "store", "credit", "thanks",
    ];
    private static readonly DateTimeOffset TimePlaceholder = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(LoadArguments arguments)
    {
        var count = arguments.Long("count", 1_000_000);
        var instances = arguments.Int("instances", 12);
        var hours = arguments.Int("hours", 24);
        var segmentLines = arguments.Int("segment-lines", 18_000);
        var sessionCalls = arguments.Int("session-calls", 20);
        var keep = arguments.Int("keep", 0) != 0;
        var bucket = $"llmingest-bench-fleet-{TimeProvider.System.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var s3Options = S3TestEndpoint.Options(bucket, "traces");
        using var client = S3ClientFactory.Create(s3Options);
        var template = Template();
        var now = DateTimeOffset.UtcNow;
        var lastHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var firstHour = lastHour.AddHours(-(hours - 1));
        var perHour = count / hours;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fleet-index: {count:N0} lines of ~{template.Length} B, {instances} instances x {hours} hours, segments of <= {segmentLines:N0} lines, sessions of {sessionCalls} calls, {s3Options.ServiceUrl}, bucket {bucket}"));

        Console.Write("line template: " + Encoding.UTF8.GetString(template));
        await client.PutBucketAsync(bucket).ConfigureAwait(false);
        try
        {
            // One work item per (hour, instance, segment): the lines of hour h go round-robin to the instances.
            var work = new List<(int Hour, int Instance, int Segment, long FirstInHour, int Lines)>();
            for (var h = 0; h < hours; h++)
            {
                var linesThisHour = perHour + (h == hours - 1 ? count - (perHour * hours) : 0);
                for (var k = 0; k < instances; k++)
                {
                    var mine = (linesThisHour / instances) + (k < linesThisHour % instances ? 1 : 0);
                    for (int s = 0, done = 0; done < mine; s++, done += segmentLines)
                    {
                        work.Add((h, k, s, done, (int)Math.Min(segmentLines, mine - done)));
                    }
                }
            }

            var generation = Stopwatch.StartNew();
            long compressed = 0, uncompressed = 0;
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, ct) =>
            {
                var hour = firstHour.AddHours(item.Hour);
                var instance = $"pod-{item.Instance:D2}";
                var (body, summary, raw) = Segment(template, hour, item.Hour, item.Instance, instances, item.FirstInHour, item.Lines, sessionCalls, perHour);
                var key = IndexKeys.ForSegment(s3Options.Prefix, Tenant, hour.UtcDateTime, instance, item.Segment);
                await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(body), ContentType = "application/gzip" }, ct).ConfigureAwait(false);
                await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = IndexKeys.ForSummary(key), InputStream = new MemoryStream(summary), ContentType = "application/octet-stream" }, ct).ConfigureAwait(false);
                Interlocked.Add(ref compressed, body.Length);
                Interlocked.Add(ref uncompressed, raw);
            }).ConfigureAwait(false);
            generation.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated and uploaded {work.Count} segments + summaries in {generation.Elapsed.TotalSeconds:0.0} s: {uncompressed / 1e9:0.00} GB of JSONL, {compressed / 1e6:N0} MB gzipped"));

            // The session of line 0 of hour 12 (or the middle hour): sessionCalls calls, over the instances of that hour.
            var h0 = Math.Min(12, hours - 1);
            var session = SessionOf(h0, 0, sessionCalls);
            var cache = Path.Combine(Path.GetTempPath(), bucket + "-cache");
            try
            {
                foreach (var run in new[] { "cold", "warm" })
                {
                    var (elapsed, stdout, stderr) = await RunCliAsync(s3Options, ["find", "--session", session, "--since", "24h", "--json", "--cache", cache]).ConfigureAwait(false);
                    var matches = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run}: find --session {session} --since 24h: {elapsed.TotalSeconds:0.00} s, {matches} line(s) (expected {sessionCalls})"));
                    Console.WriteLine("  " + stderr.Trim().Replace("\n", "\n  ", StringComparison.Ordinal));
                    if (matches != sessionCalls)
                    {
                        Console.Error.WriteLine("fleet-index: the find did not return the session's calls.");
                        return 1;
                    }
                }
            }
            finally
            {
                if (Directory.Exists(cache))
                {
                    Directory.Delete(cache, recursive: true);
                }
            }

            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally
        {
            if (!keep)
            {
                await DeleteBucketAsync(client, bucket).ConfigureAwait(false);
            }
        }
    }

    private static string SessionOf(int hour, long lineInHour, int sessionCalls) =>
        string.Create(CultureInfo.InvariantCulture, $"sess-{hour:D2}{lineInHour / sessionCalls:D10}");

    /// <summary>A segment's gzip body, its summary and its uncompressed size.</summary>
    private static (byte[] Body, byte[] Summary, long Raw) Segment(byte[] template, DateTimeOffset hour, int h, int instance, int instances, long firstInInstance, int lines, int sessionCalls, long perHour)
    {
        var random = new Random(HashCode.Combine(h, instance, firstInInstance));
        var preview = new StringBuilder(PreviewLength + 16);
        var hash = new byte[32];
        var offsets = Offsets(template);
        var line = (byte[])template.Clone();
        var summaryLines = new List<LlmTraceLogLine>(lines);
        using var buffer = new MemoryStream(lines * 120);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var n = 0; n < lines; n++)
            {
                // The instance's n-th line of the hour is the hour's line (firstInInstance + n) * instances + instance.
                var inHour = ((firstInInstance + n) * instances) + instance;
                var traceId = string.Create(CultureInfo.InvariantCulture, $"{h:x2}{inHour:x30}");
                var spanId = string.Create(CultureInfo.InvariantCulture, $"{instance:x2}{n:x14}");
                var session = SessionOf(h, inHour, sessionCalls);
                var at = hour.AddMilliseconds(Math.Min(3_599_999, inHour * 3_600_000 / Math.Max(1, perHour)));
                var timestamp = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                Put(line, offsets.Trace, traceId);
                Put(line, offsets.Span, spanId);
                Put(line, offsets.Session, session);
                Put(line, offsets.Time, timestamp);
                Put(line, offsets.Input, Text(random, preview));
                Put(line, offsets.Output, Text(random, preview)[..OutputPreviewLength]);
                random.NextBytes(hash);
                Put(line, offsets.Hash, Convert.ToHexStringLower(hash));
                gzip.Write(line);
                summaryLines.Add(new LlmTraceLogLine { TraceId = traceId, SpanId = spanId, SessionId = session, TenantId = Tenant, Timestamp = at, PayloadSha256 = string.Empty });
            }
        }

        return (buffer.ToArray(), IndexSegmentSummary.Build(summaryLines), (long)lines * template.Length);
    }

    /// <summary>A preview of random words, exactly <see cref="PreviewLength"/> ASCII characters: text compresses as text does.</summary>
    private static string Text(Random random, StringBuilder preview)
    {
        preview.Clear();
        while (preview.Length < PreviewLength)
        {
            preview.Append(Words[random.Next(Words.Length)]).Append(' ');
        }

        return preview.ToString(0, PreviewLength);
    }

    private static void Put(byte[] line, List<int> offsets, string value)
    {
        foreach (var offset in offsets)
        {
            Encoding.ASCII.GetBytes(value, line.AsSpan(offset, value.Length));
        }
    }

    private static (List<int> Trace, List<int> Span, List<int> Session, List<int> Time, List<int> Input, List<int> Output, List<int> Hash) Offsets(byte[] template) =>
        (All(template, TracePlaceholder), All(template, SpanPlaceholder), All(template, SessionPlaceholder), All(template, TimePlaceholder.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
            All(template, InputPlaceholder), All(template, OutputPlaceholder), All(template, HashPlaceholder));

    private static List<int> All(byte[] haystack, string needle)
    {
        var bytes = Encoding.ASCII.GetBytes(needle);
        var found = new List<int>();
        for (var at = haystack.AsSpan().IndexOf(bytes); at >= 0;)
        {
            found.Add(at);
            var next = haystack.AsSpan(at + 1).IndexOf(bytes);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return found.Count > 0 ? found : throw new InvalidOperationException($"'{needle}' is not in the line template.");
    }

    /// <summary>One line as the log writes it (~750 B: an 80-character input and a 40-character output preview, a random SHA-256), with fixed-width placeholders for the ids and the timestamp.</summary>
    private static byte[] Template()
    {
        var line = new LlmTraceLogLine
        {
            TraceId = TracePlaceholder,
            SpanId = SpanPlaceholder,
            SessionId = SessionPlaceholder,
            TenantId = Tenant,
            Timestamp = TimePlaceholder,
            Model = "gpt-4o-mini",
            FunctionName = "classify_ticket",
            PromptTokens = 1245,
            CompletionTokens = 187,
            TotalTokens = 1432,
            LatencyMs = 1412.5,
            CostUsd = 0.00029895m,
            FinishReason = "stop",
            InputPreview = InputPlaceholder,
            OutputPreview = OutputPlaceholder,
            PayloadSha256 = HashPlaceholder,
            PayloadBytes = 6512,
        };
        line.PayloadKey = $"traces/{Tenant}/{TracePlaceholder}/{SpanPlaceholder}.json";
        line.PayloadStored = true;
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, LlmIngestJsonContext.Relaxed.LlmTraceLogLine) + "\n");
    }

    private static async Task<(TimeSpan Elapsed, string Stdout, string Stderr)> RunCliAsync(S3StorageOptions s3, string[] args)
    {
        var cli = Path.Combine(RepositoryRoot(), "src", "LlmIngest.Cli", "bin", "Release", "net10.0", "LlmIngest.Cli.dll");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"{cli} not found: build src/LlmIngest.Cli in Release first.");
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["LlmIngest__Storage__S3__Bucket"] = s3.Bucket;
        start.Environment["LlmIngest__Storage__S3__Prefix"] = s3.Prefix;
        start.Environment["LlmIngest__Storage__S3__ServiceUrl"] = s3.ServiceUrl;
        start.Environment["LlmIngest__Storage__S3__AccessKey"] = s3.AccessKey;
        start.Environment["LlmIngest__Storage__S3__SecretKey"] = s3.SecretKey;
        start.Environment["LlmIngest__Storage__S3__Region"] = s3.Region;
        start.Environment["LlmIngest__Log__Directory"] = Path.Combine(Path.GetTempPath(), "llmtrace-no-local-log-" + Guid.NewGuid().ToString("N"));
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        clock.Stop();
        return (clock.Elapsed, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LlmIngest.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("LlmIngest.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task DeleteBucketAsync(IAmazonS3 client, string bucket)
    {
        var request = new ListObjectsV2Request { BucketName = bucket };
        ListObjectsV2Response response;
        do
        {
            response = await client.ListObjectsV2Async(request).ConfigureAwait(false);
            if (response.S3Objects is { Count: > 0 } objects)
            {
                var delete = new DeleteObjectsRequest { BucketName = bucket, Quiet = true };
                foreach (var entry in objects)
                {
                    delete.AddKey(entry.Key);
                }

                await client.DeleteObjectsAsync(delete).ConfigureAwait(false);
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
        await client.DeleteBucketAsync(bucket).ConfigureAwait(false);
        Console.WriteLine($"deleted bucket {bucket}");
    }
}
