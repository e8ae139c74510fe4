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
/// (gzip encoding, metadata, retention tag, SSE), the pipeline, then raw plain PUTs again to show drift. Creates its own
/// bucket and deletes it (objects first) at the end.
/// </summary>
internal static class EndToEndLoad
{
    private const int WarmUp = 200;

    public static async Task<int> RunAsync(LoadArguments arguments)
    {
        var count = arguments.Int("count", 5000);
        var size = arguments.Int("size", 8 * 1024);
        var concurrency = arguments.Int("concurrency", 8);
        var bucket = $"llmingest-bench-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var work = Path.Combine(Path.GetTempPath(), bucket);
        var s3Options = S3TestEndpoint.Options(bucket, "pipeline");
        using var client = S3ClientFactory.Create(s3Options);
        Console.WriteLine($"end-to-end: {count} traces of ~{size} B, concurrency {concurrency}, {s3Options.ServiceUrl}, bucket {bucket}");

        await client.PutBucketAsync(bucket).ConfigureAwait(false);
        try
        {
            // Bodies and uploads are built before any timing: the raw phases measure the network and the server only.
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

            Console.WriteLine($"gzip body: {bodyBytes / uploads.Length} B on average");
            var writer = new S3ObjectWriter(client, s3Options);

            await PutPlainAsync(client, bucket, "warmup", uploads, 0, WarmUp, concurrency).ConfigureAwait(false);
            var rawBefore = await PutPlainAsync(client, bucket, "raw1", uploads, WarmUp, count, concurrency).ConfigureAwait(false);
            var shaped = await TimeAsync(count, concurrency, i => writer.PutAsync(Rekey(uploads[WarmUp + i], "shaped"), CancellationToken.None)).ConfigureAwait(false);
            var pipeline = await RunPipelineAsync(s3Options, work, count, size, concurrency).ConfigureAwait(false);
            var rawAfter = await PutPlainAsync(client, bucket, "raw2", uploads, WarmUp, count, concurrency).ConfigureAwait(false);

            var raw = (rawBefore + rawAfter) / 2;
            Console.WriteLine();
            Console.WriteLine("| phase | objects | concurrency | objects/s | % of raw PUT (mean of before/after) |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Row("raw PutObject, plain (before)", count, concurrency, rawBefore, raw);
            Row("raw PutObject, pipeline's request shape", count, concurrency, shaped, raw);
            Row("**LlmIngest: Record → acknowledged upload**", count, concurrency, pipeline, raw);
            Row("raw PutObject, plain (after)", count, concurrency, rawAfter, raw);
            Console.WriteLine($"LlmIngest vs the pipeline-shaped raw PUT: {100 * pipeline / shaped:F1}%");
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

    private static async Task<double> RunPipelineAsync(S3StorageOptions s3Options, string work, int count, int size, int concurrency)
    {
        var services = new ServiceCollection().AddLogging().AddLlmTraceIngest(o =>
        {
            o.Queue.Capacity = count + WarmUp;
            o.Storage.Kind = PayloadStoreKind.S3;
            o.Storage.S3 = s3Options;
            o.Storage.MaxConcurrency = concurrency;
            o.Storage.Spool.Directory = Path.Combine(work, "spool");
            o.Log.Directory = Path.Combine(work, "logs");
        }).BuildServiceProvider();
        await using var _ = services.ConfigureAwait(false);
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var recorder = services.GetRequiredService<ILlmTraceRecorder>();
        var counters = services.GetRequiredService<IngestCounters>();
        var store = (S3PayloadStore)services.GetRequiredService<IPayloadStore>();

        // Warm the pipeline's own client and connections, as the raw phases were.
        for (var i = 0; i < WarmUp; i++)
        {
            recorder.Record(SampleTraces.OfSize(size, 1_000_000 + i));
        }

        await recorder.FlushAsync().ConfigureAwait(false);

        var traces = new LlmTrace[count];
        for (var i = 0; i < count; i++)
        {
            traces[i] = SampleTraces.OfSize(size, 2_000_000 + i);
        }

        var storedBefore = counters.PayloadsStored;
        var clock = Stopwatch.StartNew();
        foreach (var trace in traces)
        {
            if (!recorder.Record(trace))
            {
                throw new InvalidOperationException("A trace was dropped: the figure would not be of every trace.");
            }
        }

        await recorder.FlushAsync().ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalSeconds;
        var stored = counters.PayloadsStored - storedBefore;
        Console.WriteLine($"pipeline: {stored} of {count} payloads acknowledged by S3 in {elapsed:F2} s; spooled {store.Spool.Count}, failed {counters.PayloadsFailed}");
        if (stored != count || store.Spool.Count != 0)
        {
            throw new InvalidOperationException("Not every payload was uploaded: the figure would not be record-to-acknowledged-upload.");
        }

        for (var i = hosted.Count - 1; i >= 0; i--)
        {
            await hosted[i].StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return count / elapsed;
    }

    private static Task<double> PutPlainAsync(IAmazonS3 client, string bucket, string prefix, PendingUpload[] uploads, int from, int count, int concurrency) =>
        TimeAsync(count, concurrency, async i =>
        {
            using var body = new MemoryStream(uploads[from + i].Body, writable: false);
            await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"{prefix}/{i}.json", InputStream = body, AutoCloseStream = false, ContentType = S3ObjectWriter.ContentType }).ConfigureAwait(false);
        });

    private static async Task<double> TimeAsync(int count, int concurrency, Func<int, Task> put)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => await put(i).ConfigureAwait(false)).ConfigureAwait(false);
        return count / clock.Elapsed.TotalSeconds;
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

    private static void Row(string phase, int count, int concurrency, double rate, double raw) =>
        Console.WriteLine($"| {phase} | {count} | {concurrency} | {rate:F0} | {100 * rate / raw:F1}% |");

    private static async Task DeleteBucketAsync(IAmazonS3 client, string bucket)
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
