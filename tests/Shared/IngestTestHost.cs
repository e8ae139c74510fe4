using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LlmIngest.Hosting;
using LlmIngest.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace LlmIngest.Testing;

/// <summary>
/// A real generic host running LlmIngest, with fake logging and a listener on the pipeline's meter (scoped to this
/// host's meter factory, so parallel tests do not see each other's measurements).
/// </summary>
internal sealed class IngestTestHost : IAsyncDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Tags), long> _sums = new();
    private readonly ConcurrentDictionary<(string Instrument, string Tags), long> _latest = new();

    private IngestTestHost(IHost host)
    {
        Host = host;
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "LlmIngest" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measured(instrument, (long)value, tags));
        _listener.Start();
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public ILlmTraceRecorder Recorder => Services.GetRequiredService<ILlmTraceRecorder>();

    /// <summary>The payload store the pipeline writes to, as the app's DI container built it.</summary>
    public IPayloadStore Store => Services.GetRequiredService<IPayloadStore>();

    /// <summary>The options the pipeline runs with.</summary>
    public LlmTraceIngestOptions Options => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LlmTraceIngestOptions>>().Value;

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public static IngestTestHost Create(Action<LlmTraceIngestOptions> configure, Action<IServiceCollection>? services = null, TimeSpan? shutdownTimeout = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(30));
        services?.Invoke(builder.Services);
        builder.Services.AddLlmTraceIngest(configure);
        return new IngestTestHost(builder.Build());
    }

    public Task StartAsync() => Host.StartAsync();

    public Task StopAsync() => Host.StopAsync();

    /// <summary>
    /// The current value of an instrument of the LlmIngest meter, summed over its tags (or for one tag value):
    /// the latest observation of observable instruments, the running total of counters.
    /// </summary>
    public long Metric(string instrument, string? tagValue = null)
    {
        _listener.RecordObservableInstruments();
        long sum = 0;
        foreach (var values in new[] { _sums, _latest })
        {
            foreach (var ((name, tags), value) in values)
            {
                if (name == instrument && (tagValue is null || tags.Split('|').Contains(tagValue)))
                {
                    sum += value;
                }
            }
        }

        return sum;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        if (Host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            Host.Dispose();
        }
    }

    private void Measured(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var tagText = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            tagText.Add(tag.Value?.ToString() ?? string.Empty);
        }

        var key = (instrument.Name, string.Join('|', tagText));
        if (instrument.IsObservable)
        {
            _latest[key] = value;
        }
        else
        {
            _sums.AddOrUpdate(key, value, (_, total) => total + value);
        }
    }
}
