using System.Diagnostics;
using LlmIngest.Diagnostics;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmIngest.Benchmarks.Load;

/// <summary>
/// The library as an app hosts it (<c>AddLlmTraceIngest</c>, hosted services started, S3 store, JSONL file log, spool),
/// kept running across the rounds of <see cref="EndToEndLoad"/>: each round records its traces and is timed until
/// <c>FlushAsync</c> returns, i.e. until S3 has acknowledged every payload.
/// </summary>
internal sealed class PipelineUnderLoad : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _hosted;
    private readonly ILlmTraceRecorder _recorder;
    private readonly IngestCounters _counters;
    private readonly IStorageAvailability _store;

    private PipelineUnderLoad(ServiceProvider services)
    {
        _services = services;
        _hosted = [.. services.GetServices<IHostedService>()];
        _recorder = services.GetRequiredService<ILlmTraceRecorder>();
        _counters = services.GetRequiredService<IngestCounters>();
        _store = services.GetRequiredService<IStorageAvailability>();
    }

    public static async Task<PipelineUnderLoad> StartAsync(S3StorageOptions s3Options, string work, int capacity, int concurrency, int batchSize)
    {
        var services = new ServiceCollection().AddLogging().AddLlmTraceIngest(o =>
        {
            o.Queue.Capacity = capacity;
            o.Queue.BatchSize = batchSize;
            o.Storage.Kind = PayloadStoreKind.S3;
            o.Storage.S3 = s3Options;
            o.Storage.MaxConcurrency = concurrency;
            o.Storage.Spool.Directory = Path.Combine(work, "spool");
            o.Log.Directory = Path.Combine(work, "logs");
        }).BuildServiceProvider();
        var pipeline = new PipelineUnderLoad(services);
        foreach (var service in pipeline._hosted)
        {
            await service.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return pipeline;
    }

    /// <summary>Records <paramref name="traces"/> and returns the seconds until every payload was acknowledged by S3.</summary>
    public async Task<double> RunAsync(IReadOnlyList<LlmTrace> traces)
    {
        var storedBefore = _counters.PayloadsStored;
        var clock = Stopwatch.StartNew();
        foreach (var trace in traces)
        {
            if (!_recorder.Record(trace))
            {
                throw new InvalidOperationException("A trace was dropped: the figure would not be of every trace.");
            }
        }

        await _recorder.FlushAsync().ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalSeconds;
        var stored = _counters.PayloadsStored - storedBefore;
        if (stored != traces.Count || _store.Spool.Count != 0 || _counters.PayloadsFailed != 0)
        {
            throw new InvalidOperationException(
                $"{stored} of {traces.Count} payloads uploaded, {_store.Spool.Count} spooled, {_counters.PayloadsFailed} failed: the figure would not be record-to-acknowledged-upload.");
        }

        return elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _hosted.Count - 1; i >= 0; i--)
        {
            await _hosted[i].StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
