using LlmIngest.Diagnostics;
using LlmIngest.Processing;
using LlmIngest.Queue;
using LlmIngest.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LlmIngest.Benchmarks.Hosting;

/// <summary>
/// The worker's batch step as the host wires it (<c>AddLlmTraceIngest</c>, a real rolling JSONL file in a temporary
/// folder), over a payload store of the benchmark's choosing, with 256 traces of a given size (the default batch size).
/// Each run processes fresh copies of the traces (new message objects, same strings), since redaction replaces message
/// text in place. Disposing fails if any trace failed or a payload sampling kept was not stored, so a figure is never of
/// a pipeline that skipped work.
/// </summary>
internal sealed class BatchHarness : IDisposable
{
    public const int BatchSize = 256;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "llmingest-bench-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;
    private readonly TraceBatchProcessor _processor;
    private readonly LlmTrace[] _sources = new LlmTrace[BatchSize];
    private readonly List<QueuedTrace> _batch = new(BatchSize);

    public BatchHarness(int payloadBytes, Func<string, StorageMetrics, IPayloadStore> createStore, Action<LlmTraceIngestOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(sp => createStore(Path.Combine(_directory, "spool"), sp.GetRequiredService<StorageMetrics>()));
        services.AddLlmTraceIngest(o =>
        {
            o.Log.Directory = Path.Combine(_directory, "logs");
            o.Log.MaxFileSizeBytes = 64L * 1024 * 1024;
            o.Log.RetainedFileCount = 2;
            configure?.Invoke(o);
        });
        _services = services.BuildServiceProvider();
        _processor = _services.GetRequiredService<TraceBatchProcessor>();
        Store = _services.GetRequiredService<IPayloadStore>();
        for (var i = 0; i < BatchSize; i++)
        {
            _sources[i] = SampleTraces.OfSize(payloadBytes, i);
        }
    }

    public IPayloadStore Store { get; }

    public LlmTrace Sample => _sources[0];

    public IngestCounters Counters => _services.GetRequiredService<IngestCounters>();

    public Task ProcessFreshBatchAsync()
    {
        _batch.Clear();
        foreach (var source in _sources)
        {
            _batch.Add(new QueuedTrace(SampleTraces.Fresh(source), null));
        }

        return _processor.ProcessAsync(_batch, CancellationToken.None);
    }

    public void Dispose()
    {
        var counters = Counters;
        var kept = counters.Processed - counters.SampledOutByRate - counters.SampledOutByUpstream;
        Console.WriteLine($"// processed {counters.Processed}, failed {counters.ProcessingFailed}, sampled out {counters.Processed - kept}, payloads stored {counters.PayloadsStored}");
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
        if (counters.ProcessingFailed != 0 || counters.PayloadsStored != kept)
        {
            throw new InvalidOperationException($"{counters.ProcessingFailed} traces failed, {kept - counters.PayloadsStored} kept payloads not stored: the figures would not be of the full pipeline.");
        }
    }
}
