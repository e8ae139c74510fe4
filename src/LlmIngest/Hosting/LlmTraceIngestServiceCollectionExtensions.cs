using LlmIngest;
using LlmIngest.Diagnostics;
using LlmIngest.Hosting;
using LlmIngest.Queue;
using LlmIngest.Redaction;
using LlmIngest.Sinks;
using LlmIngest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers LlmIngest: the recorder, the background worker, redaction, the preview log and the payload store.</summary>
public static class LlmTraceIngestServiceCollectionExtensions
{
    /// <summary>Adds LlmIngest with options set in code.</summary>
    public static IServiceCollection AddLlmTraceIngest(this IServiceCollection services, Action<LlmTraceIngestOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<LlmTraceIngestOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return AddCore(services);
    }

    /// <summary>Adds LlmIngest with options bound from a configuration section (usually <c>LlmIngest</c>), then <paramref name="configure"/>.</summary>
    public static IServiceCollection AddLlmTraceIngest(this IServiceCollection services, IConfiguration section, Action<LlmTraceIngestOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<LlmTraceIngestOptions>().Bind(section);
        return services.AddLlmTraceIngest(configure);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.AddOptions<LlmTraceIngestOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmTraceIngestOptions>, LlmTraceIngestOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IngestCounters>();
        services.TryAddSingleton<TraceQueue>();
        services.TryAddSingleton<ILlmTraceRecorder>(static sp => sp.GetRequiredService<TraceQueue>());
        services.TryAddSingleton(static sp => new IngestMetrics(
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            sp.GetRequiredService<IngestCounters>(),
            () => (long)sp.GetRequiredService<TraceQueue>().Depth));

        services.TryAddSingleton<IRedactor>(static sp => RedactorFactory.Create(
            sp.GetRequiredService<IOptions<LlmTraceIngestOptions>>().Value.Redaction));
        services.TryAddSingleton(static sp => CreateStore(sp.GetRequiredService<IOptions<LlmTraceIngestOptions>>().Value.Storage));
        services.TryAddSingleton(static sp => CreateSink(
            sp.GetRequiredService<IOptions<LlmTraceIngestOptions>>().Value.Log,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<TraceBatchProcessor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TraceIngestWorker>());
        return services;
    }

    private static IPayloadStore CreateStore(StorageOptions storage) => storage.ResolvedKind switch
    {
        PayloadStoreKind.S3 => new S3PayloadStore(S3ClientFactory.Create(storage.S3), storage.S3, ownsClient: true),
        _ => new LocalFolderPayloadStore(storage.Local),
    };

    private static ITraceLogSink CreateSink(PreviewLogOptions log, TimeProvider time) => log.Target switch
    {
        PreviewLogTarget.Stdout => new StdoutTraceLogSink(),
        PreviewLogTarget.None => new NullTraceLogSink(),
        _ => new RollingJsonlFileSink(log, time),
    };
}
