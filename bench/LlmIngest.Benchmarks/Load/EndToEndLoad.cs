using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using LlmIngest.Diagnostics;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using LlmIngest.Storage.Spool;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmIngest.Benchmarks.Load;

/// <summary>
/// Traces/s from record to acknowledged upload against a real S3 server, next to the raw AWSSDK PutObject rate of
/// same-sized objects at the same concurrency, in the same run: raw plain PUTs, raw PUTs shaped like the pipeline's
/// (gzip encoding, metadata, retention tag, SSE) and the pipeline take turns in rounds (default 5), so a server whose
/// speed drifts during the run (a shared gateway does, by 20-40%) slows all three alike. Creates its own bucket and
/// deletes it (objects first) at the end.
/// </summary>
internal static class EndToEndLoad
{
    private const int WarmUp = 200;

    public static async Task<int> RunAsync(LoadArguments arguments)
    {
        var count = arguments.Int("count", 5000);
        var size = arguments.Int("size", 8 * 1024);
        var concurrency = arguments.Int("concurrency", 8);
        var rounds = Math.Max(1, arguments.Int("rounds", 5));
        var perRound = count / rounds;
        count = perRound * rounds;
        var bucket = $"llmingest-bench-{TimeProvider.System.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var work = Path.Combine(Path.GetTempPath(), bucket);
        var s3Options = S3TestEndpoint.Options(bucket, "pipeline");
        s3Options.Encryption = arguments.Enum("encryption", s3Options.Encryption);
        using var client = S3ClientFactory.Create(s3Options);
        Console.WriteLine($"end-to-end: {count} traces of ~{size} B in {rounds} rounds, concurrency {concurrency}, encryption {s3Options.Encryption}, {s3Options.ServiceUrl}, bucket {bucket}");

        await client.PutBucketAsync(bucket).ConfigureAwait(false);
        try
        {
            // Bodies, uploads and traces are built before any timing: the raw phases measure the network and the
            // server only, the pipeline phase everything from Record on.
            var storage = new StorageOptions { Kind = PayloadStoreKind.S3, S3 = s3Options, MaxConcurrency = concurrency };
            storage.Spool.Directory = Path.Combine(work, "raw-spool");
            using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
            using var shaper = new S3PayloadStore(client, storage, new PayloadSpool(storage.Spool, TimeProvider.System), new StorageMetrics(meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), TimeProvider.System, NullLogger<S3PayloadStore>.Instance);
            var uploads = new PendingUpload[count + WarmUp];
            long bodyBytes = 0;
            for (var i = 0; i < uploads.Length; i++)
            {
                uploads[i] = shaper.Prepare(Payload(SampleTraces.OfSize(size, i), "raw", shaper));
                bodyBytes += uploads[i].Body.Length;
            }

            var traces = new LlmTrace[count];
            for (var i = 0; i < count; i++)
            {
                traces[i] = SampleTraces.OfSize(size, 2_000_000 + i);
            }

            Console.WriteLine($"gzip body: {bodyBytes / uploads.Length} B on average");
            var writer = new S3ObjectWriter(client, s3Options);
            await using var pipeline = await PipelineUnderLoad.StartAsync(s3Options, work, count + WarmUp, concurrency, arguments.Int("batch-size", 256)).ConfigureAwait(false);

            // Warm the raw client and the pipeline's own client and connections alike.
            await PutPlainAsync(client, bucket, "warmup", uploads, 0, WarmUp, concurrency).ConfigureAwait(false);
            await pipeline.RunAsync([.. Enumerable.Range(0, WarmUp).Select(i => SampleTraces.OfSize(size, 1_000_000 + i))]).ConfigureAwait(false);

            Console.WriteLine();
            Console.WriteLine("| round | raw plain PUT/s | raw pipeline-shaped PUT/s | LlmIngest traces/s | LlmIngest % of raw plain | % of raw shaped |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
            double rawSeconds = 0, shapedSeconds = 0, pipelineSeconds = 0;
            for (var round = 0; round < rounds; round++)
            {
                var first = round * perRound;
                var raw = await PutPlainAsync(client, bucket, "raw", uploads, WarmUp + first, perRound, concurrency).ConfigureAwait(false);
                var shaped = await TimeAsync(perRound, concurrency, i => writer.PutAsync(Rekey(uploads[WarmUp + first + i], "shaped"), CancellationToken.None)).ConfigureAwait(false);
                var piped = await pipeline.RunAsync(new ArraySegment<LlmTrace>(traces, first, perRound)).ConfigureAwait(false);
                rawSeconds += raw;
                shapedSeconds += shaped;
                pipelineSeconds += piped;
                Row((round + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), perRound, raw, shaped, piped);
            }

            Row("**all**", count, rawSeconds, shapedSeconds, pipelineSeconds);
            return 0;
        }
        finally
        {
            await DeleteBucketAsync(client, bucket).ConfigureAwait(false);
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static Task<double> PutPlainAsync(IAmazonS3 client, string bucket, string prefix, PendingUpload[] uploads, int from, int count, int concurrency) =>
        TimeAsync(count, concurrency, async i =>
        {
            using var body = new MemoryStream(uploads[from + i].Body, writable: false);
            await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"{prefix}/{from + i}.json", InputStream = body, AutoCloseStream = false, ContentType = S3ObjectWriter.ContentType, UseChunkEncoding = false }).ConfigureAwait(false);
        });

    // The seconds <paramref name="count"/> PUTs take, <paramref name="concurrency"/> at a time.
    private static async Task<double> TimeAsync(int count, int concurrency, Func<int, Task> put)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => await put(i).ConfigureAwait(false)).ConfigureAwait(false);
        return clock.Elapsed.TotalSeconds;
    }

    private static PayloadObject Payload(LlmTrace trace, string prefix, S3PayloadStore store)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(trace, LlmIngestJsonContext.Relaxed.LlmTrace);
        return new PayloadObject
        {
            Key = store.GetKey(trace.TenantId!, trace.TraceId!, trace.SpanId!).Replace("pipeline/", prefix + "/", StringComparison.Ordinal),
            Content = content,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            TenantId = trace.TenantId!,
            TraceId = trace.TraceId!,
            SpanId = trace.SpanId!,
            Step = trace.Step,
            SessionId = trace.SessionId,
            Model = trace.Model,
            RetentionClass = "default",
        };
    }

    private static PendingUpload Rekey(PendingUpload upload, string prefix) => new()
    {
        Key = prefix + "/" + upload.Key,
        Body = upload.Body,
        ContentEncoding = upload.ContentEncoding,
        Metadata = upload.Metadata,
        Tags = upload.Tags,
    };

    private static void Row(string round, int count, double rawSeconds, double shapedSeconds, double pipelineSeconds) =>
        Console.WriteLine(
            $"| {round} | {count / rawSeconds:F0} | {count / shapedSeconds:F0} | {count / pipelineSeconds:F0} | {100 * rawSeconds / pipelineSeconds:F1}% | {100 * shapedSeconds / pipelineSeconds:F1}% |");

    /// <summary>Deletes a bench bucket, its objects first.</summary>
    internal static async Task DeleteBucketAsync(IAmazonS3 client, string bucket)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1000 };
        var deleted = 0;
        while (true)
        {
            var page = await client.ListObjectsV2Async(request).ConfigureAwait(false);
            if (page.S3Objects is not { Count: > 0 } objects)
            {
                break;
            }

            await client.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = bucket,
                Objects = objects.ConvertAll(o => new KeyVersion { Key = o.Key }),
            }).ConfigureAwait(false);
            deleted += objects.Count;
        }

        await client.DeleteBucketAsync(bucket).ConfigureAwait(false);
        Console.WriteLine($"deleted {deleted} objects and bucket {bucket}");
    }
}
