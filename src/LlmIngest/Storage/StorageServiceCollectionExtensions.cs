using System.Diagnostics.Metrics;
using Amazon.Runtime;
using LlmIngest.Diagnostics;
using LlmIngest.Storage.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmIngest.Storage;

/// <summary>
/// Registers the payload store: its options slice, its metrics, and, unless the app registered its own
/// <see cref="IPayloadStore"/> first, the built-in store with the services only the S3 store has
/// (<see cref="IStorageAvailability"/>, <see cref="ISpoolReplayer"/>, <see cref="BucketRetention"/>,
/// <see cref="IIndexSegmentStore"/>). Those resolve to
/// null for the local folder, and for an app store registered later, so the services that take them fall back.
/// </summary>
internal static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddPayloadStore(this IServiceCollection services)
    {
        services.TryAddSingleton<IOptions<StorageOptions>>(static sp => Options.Create(sp.GetRequiredService<IOptions<LlmTraceIngestOptions>>().Value.Storage));
        services.TryAddSingleton(static sp => new StorageMetrics(sp.GetRequiredService<IMeterFactory>()));
        if (services.Any(static d => d.ServiceType == typeof(IPayloadStore)))
        {
            return services;
        }

        services.TryAddSingleton(static sp => new PayloadStoreFactory(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<StorageMetrics>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<HttpClientFactory>()));
        services.TryAddSingleton(static sp => sp.GetRequiredService<PayloadStoreFactory>().Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton(static sp => sp.GetRequiredService<BuiltPayloadStore>().Store);
        services.TryAddSingleton(static sp => BuiltIn(sp)?.Availability!);
        services.TryAddSingleton(static sp => BuiltIn(sp)?.Replayer!);
        services.TryAddSingleton(static sp => BuiltIn(sp)?.Retention!);
        services.TryAddSingleton(static sp => (BuiltIn(sp)?.Store as IIndexSegmentStore)!);
        return services;
    }

    /// <summary>The built-in store, or null when the app's own store replaced it after this registration.</summary>
    private static BuiltPayloadStore? BuiltIn(IServiceProvider services)
    {
        var built = services.GetRequiredService<BuiltPayloadStore>();
        return ReferenceEquals(built.Store, services.GetRequiredService<IPayloadStore>()) ? built : null;
    }
}
