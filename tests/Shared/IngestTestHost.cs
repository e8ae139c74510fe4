using System.Diagnostics.Metrics;
using LlmIngest.Hosting;
using LlmIngest.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace LlmIngest.Testing;

/// <summary>A real generic host running LlmIngest, with fake logging and access to the pipeline's meter.</summary>
internal sealed class IngestTestHost : IAsyncDisposable
{
    private IngestTestHost(IHost host) => Host = host;

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public ILlmTraceRecorder Recorder => Services.GetRequiredService<ILlmTraceRecorder>();

    /// <summary>The payload store the pipeline writes to, as the app's DI container built it.</summary>
    public IPayloadStore Store => Services.GetRequiredService<IPayloadStore>();

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

    /// <summary>The current value of an observable counter of the LlmIngest meter, summed over its tags (or for one tag value).</summary>
    public long Metric(string instrument, string? tagValue = null)
    {
        using var collector = new MetricCollector<long>(Services.GetRequiredService<IMeterFactory>(), "LlmIngest", instrument);
        collector.RecordObservableInstruments();
        long sum = 0;
        foreach (var measurement in collector.GetMeasurementSnapshot())
        {
            if (tagValue is null || measurement.Tags.Values.Contains(tagValue))
            {
                sum += measurement.Value;
            }
        }

        return sum;
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            Host.Dispose();
        }
    }
}
