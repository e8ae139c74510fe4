using System.Diagnostics.Metrics;
using LlmIngest;
using LlmIngest.Capture;
using LlmIngest.Diagnostics;
using LlmIngest.Hosting;
using LlmIngest.Processing;
using LlmIngest.Queue;
using LlmIngest.Redaction;
using LlmIngest.Sampling;
using LlmIngest.Shipping;
using LlmIngest.Sinks;
using LlmIngest.Storage;
using LlmIngest.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        if (section.GetSection("LlmIngest").Exists())
        {
            // The root (or a parent) was passed instead of the LlmIngest section: say so at start instead of running on defaults.
            var path = section is IConfigurationSection named ? named.Path : string.Empty;
            services.AddSingleton<IValidateOptions<LlmTraceIngestOptions>>(new NestedSectionValidator(path));
        }

        return services.AddLlmTraceIngest(configure);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.AddOptions<LlmTraceIngestOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmTraceIngestOptions>, LlmTraceIngestOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);

        // Each component takes its own slice of the validated root options.
        AddSlice(services, static o => o.Queue);
        AddSlice(services, static o => o.Log);
        AddSlice(services, static o => o.Redaction);
        AddSlice(services, static o => o.Debug);
        AddSlice(services, static o => o.Sampling);
        AddSlice(services, static o => o.OpenTelemetry);
        services.TryAddSingleton(static sp => new RecordDefaults(Root(sp).DefaultTenant));

        services.TryAddSingleton<IngestCounters>();
        services.TryAddSingleton<TraceQueue>();
        services.TryAddSingleton<ILlmTraceRecorder>(static sp => sp.GetRequiredService<TraceQueue>());
        services.TryAddSingleton<ICaptureSink>(static sp =>
        {
            // Our queue carries captured work to our worker; a recorder the app supplied gets traces converted up front.
            var recorder = sp.GetRequiredService<ILlmTraceRecorder>();
            var queue = sp.GetRequiredService<TraceQueue>();
            return ReferenceEquals(recorder, queue) ? queue : new RecorderCaptureSink(recorder);
        });
        services.TryAddSingleton(static sp => new IngestMetrics(
            sp.GetRequiredService<IMeterFactory>(),
            sp.GetRequiredService<IngestCounters>(),
            () => (long)sp.GetRequiredService<TraceQueue>().Depth));

        services.TryAddSingleton<IRedactor>(static sp => RedactorFactory.Create(sp.GetRequiredService<IOptions<RedactionOptions>>().Value));
        services.AddPayloadStore();
        services.TryAddSingleton(static sp => CreateSink(
            sp.GetRequiredService<IOptions<PreviewLogOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<RollingJsonlFileSink>()));
        services.TryAddSingleton(static sp => new IndexShipMetrics(sp.GetRequiredService<IMeterFactory>()));
        services.TryAddSingleton(static sp => CreateShipper(sp)!);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<LlmTraceIngestOptions>, DebugEnvironment>());
        services.TryAddSingleton(static sp => new PricingTable(
            Root(sp).Pricing,
            sp.GetRequiredService<IngestCounters>(),
            sp.GetRequiredService<ILogger<PricingTable>>(),
            sp.GetService<IRedactor>()));
        services.TryAddSingleton<TraceSummaryCollector>();
        services.TryAddSingleton<DebugTracePrinter>();
        AddTelemetry(services);
        services.TryAddSingleton<LlmTracer>();
        services.TryAddSingleton<ILlmTracer>(static sp => sp.GetRequiredService<LlmTracer>());
        services.TryAddSingleton<TraceBatchProcessor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TraceIngestWorker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SpoolReplayService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, IndexShipService>());
        return services;
    }

    /// <summary>The GenAI spans and metrics; the worker's part resolves to null while OpenTelemetry is off.</summary>
    private static void AddTelemetry(IServiceCollection services)
    {
        services.TryAddSingleton(static sp => new GenAiSpans(
            sp.GetRequiredService<IOptions<LlmTraceOpenTelemetryOptions>>(),
            Root(sp).OpenTelemetry.Enabled
                ? new PayloadReferences(
                    sp.GetRequiredService<IPayloadStore>(),
                    new TraceSampler(sp.GetRequiredService<IOptions<SamplingOptions>>().Value),
                    Root(sp).DefaultTenant)
                : null));
        services.TryAddSingleton(static sp => Root(sp).OpenTelemetry.Enabled
            ? new TraceTelemetry(
                new ChatSpanCompleter(sp.GetRequiredService<IOptions<LlmTraceOpenTelemetryOptions>>()),
                new GenAiMetrics(sp.GetRequiredService<IMeterFactory>()),
                sp.GetRequiredService<IPayloadStore>(),
                sp.GetRequiredService<ILogger<TraceTelemetry>>())
            : null!);
    }

    private static LlmTraceIngestOptions Root(IServiceProvider services) => services.GetRequiredService<IOptions<LlmTraceIngestOptions>>().Value;

    private static void AddSlice<T>(IServiceCollection services, Func<LlmTraceIngestOptions, T> slice)
        where T : class
        => services.TryAddSingleton<IOptions<T>>(sp => Options.Options.Create(slice(Root(sp))));

    private static ITraceLogSink CreateSink(PreviewLogOptions log, TimeProvider time, ILogger logger) => log.Target switch
    {
        PreviewLogTarget.Stdout => new StdoutTraceLogSink(log.MaxLineBytes),
        PreviewLogTarget.None => new NullTraceLogSink(),
        _ => new RollingJsonlFileSink(log, time, logger),
    };

    /// <summary>
    /// The index shipper, or null where the index is not shipped: <c>Log:Ship:Enabled</c> false, a log that does not go
    /// to files (stdout is collected by the platform), or a payload store that is not the built-in S3 store.
    /// </summary>
    private static IndexShipper? CreateShipper(IServiceProvider sp)
    {
        var log = sp.GetRequiredService<IOptions<PreviewLogOptions>>().Value;
        if (!log.Ship.Enabled || log.Target != PreviewLogTarget.File
            || sp.GetRequiredService<ITraceLogSink>() is not IShippableLog files
            || sp.GetService<IIndexSegmentStore>() is not { } store)
        {
            return null;
        }

        return new IndexShipper(
            files,
            store,
            log.Ship,
            Root(sp).DefaultTenant,
            InstanceName.Resolve(log),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IndexShipMetrics>(),
            sp.GetRequiredService<ILogger<IndexShipper>>());
    }
}
