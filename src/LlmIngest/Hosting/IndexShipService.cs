using LlmIngest.Shipping;
using Microsoft.Extensions.Hosting;

namespace LlmIngest.Hosting;

/// <summary>
/// Starts index shipping with the host. Its stop is not here: <see cref="TraceIngestWorker"/> calls
/// <see cref="IndexShipper.StopAsync"/> right after it disposed the sink, so the last segment holds the last lines.
/// </summary>
internal sealed class IndexShipService(IndexShipper? shipper = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        shipper?.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
