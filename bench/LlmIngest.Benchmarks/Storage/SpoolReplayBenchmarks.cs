using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using LlmIngest.Benchmarks.Load;
using LlmIngest.Diagnostics;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using LlmIngest.Storage.Spool;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmIngest.Benchmarks.Storage;

/// <summary>
/// Spool replay vs live uploads against a real S3 server (a load driver, not BenchmarkDotNet: each figure is thousands
/// of round trips to a shared gateway). The same N payloads go up twice per round through one
/// <see cref="S3PayloadStore"/>: live (<c>WriteAsync</c> at <c>MaxConcurrency</c>, as the worker uploads a batch) and
/// replayed (spooled to disk untimed, then <c>ReplayAsync</c> passes until the spool is empty), under distinct keys.
/// Phases alternate within rounds (and which goes first alternates) so a gateway whose speed drifts slows both alike. Creates its own bucket and deletes it at the end.
/// </summary>
internal static class SpoolReplayBenchmarks
{
    private const int WarmUp = 200;

    public static async Task<int> RunAsync(LoadArguments arguments)
    {
        var count = arguments.Int("count", 3000);
        var size = arguments.Int("size", 8 * 1024);
        var concurrency = arguments.Int("concurrency", 8);
        var rounds = Math.Max(1, arguments.Int("rounds", 4));
        var bucket = $"llmingest-bench-{TimeProvider.System.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var work = Path.Combine(Path.GetTempPath(), bucket);
        var s3Options = S3TestEndpoint.Options(bucket, "replay-bench");
        using var client = S3ClientFactory.Create(s3Options);
        Console.WriteLine($"spool replay vs live: {count} payloads of ~{size} B, {rounds} round(s), concurrency {concurrency}, {s3Options.ServiceUrl}, bucket {bucket}");

        await client.PutBucketAsync(bucket).ConfigureAwait(false);
        try
        {
            var storage = new StorageOptions { Kind = PayloadStoreKind.S3, S3 = s3Options, MaxConcurrency = concurrency };
            storage.Spool.Directory = Path.Combine(work, "spool");
            using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
            var spool = new PayloadSpool(storage.Spool, TimeProvider.System);
            using var store = new S3PayloadStore(client, storage, spool, new StorageMetrics(meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), TimeProvider.System, NullLogger<S3PayloadStore>.Instance);

            // Payloads are built before any timing; each phase of each round has its own ids, so no upload finds its key taken.
            PayloadObject[] Build(int seed, int n) => [.. Enumerable.Range(0, n).Select(i => Payload(SampleTraces.OfSize(size, seed + i)))];
            await LiveAsync(store, Build(9_000_000, WarmUp), concurrency).ConfigureAwait(false);
            await ReplayAsync(store, spool, Build(9_500_000, WarmUp)).ConfigureAwait(false);

            Console.WriteLine();
            Console.WriteLine("| round | live uploads/s | replay payloads/s | replay / live |");
            Console.WriteLine("|---:|---:|---:|---:|");
            double liveSeconds = 0, replaySeconds = 0;
            for (var round = 0; round < rounds; round++)
            {
                // Which phase goes first alternates: the second one of a round meets a fuller bucket and a busier gateway.
                var livePayloads = Build((round * 2 * count) + 1, count);
                var replayPayloads = Build((round * 2 * count) + count + 1, count);
                double live, replay;
                if (round % 2 == 0)
                {
                    live = await LiveAsync(store, livePayloads, concurrency).ConfigureAwait(false);
                    replay = await ReplayAsync(store, spool, replayPayloads).ConfigureAwait(false);
                }
                else
                {
                    replay = await ReplayAsync(store, spool, replayPayloads).ConfigureAwait(false);
                    live = await LiveAsync(store, livePayloads, concurrency).ConfigureAwait(false);
                }

                liveSeconds += live;
                replaySeconds += replay;
                Row((round + 1).ToString(CultureInfo.InvariantCulture), count, live, replay);
            }

            Row("**all**", count * rounds, liveSeconds, replaySeconds);
            return store.InOutage ? 1 : 0;
        }
        finally
        {
            await EndToEndLoad.DeleteBucketAsync(client, bucket).ConfigureAwait(false);
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<double> LiveAsync(S3PayloadStore store, PayloadObject[] payloads, int concurrency)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            payloads,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (payload, ct) => await store.WriteAsync(payload, ct).ConfigureAwait(false)).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        if (store.Spool.Count > 0)
        {
            throw new InvalidOperationException($"{store.Spool.Count} live upload(s) went to the spool: S3 failed during the run.");
        }

        return seconds;
    }

    private static async Task<double> ReplayAsync(S3PayloadStore store, PayloadSpool spool, PayloadObject[] payloads)
    {
        foreach (var payload in payloads)
        {
            if (!await spool.TryEnqueueAsync(store.Prepare(payload), CancellationToken.None).ConfigureAwait(false))
            {
                throw new InvalidOperationException("The spool refused a payload: raise --count's spool room.");
            }
        }

        var clock = Stopwatch.StartNew();
        for (var pass = 0; spool.Count > 0; pass++)
        {
            if (pass == 3)
            {
                throw new InvalidOperationException($"{spool.Count} payload(s) still spooled after 3 passes: S3 failed during the run.");
            }

            await store.ReplayAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static void Row(string label, int count, double live, double replay) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {count / live:0} | {count / replay:0} | {live / replay:0.00} |"));

    private static PayloadObject Payload(LlmTrace trace)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(trace, LlmIngestJsonContext.Relaxed.LlmTrace);
        return new PayloadObject
        {
            Key = $"replay-bench/{trace.TenantId}/{trace.TraceId}/{trace.SpanId}.json",
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
}
