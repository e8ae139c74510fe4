using LlmIngest.Hosting;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace LlmIngest.Tests.Hosting;

public sealed class LlmTraceIngestHealthCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Check_WithTheLocalStore_IsHealthy()
    {
        await using var host = IngestTestHost.Create(o => o.Storage.Local.Directory = _folder.Path, s => s.AddHealthChecks().AddLlmTraceIngest());

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["llmingest"].Status);
    }

    [Fact]
    public async Task Check_WithAStoreTheAppSupplied_IsHealthyByItsDescription_AndReportsNoSpool()
    {
        await using var host = IngestTestHost.Create(
            o =>
            {
                o.Storage.Kind = PayloadStoreKind.S3;
                o.Storage.S3.Bucket = "b";
                o.Storage.Spool.Directory = _folder.Combine("spool");
                o.Log.Directory = _folder.Combine("logs");
            },
            s => s.AddSingleton<IPayloadStore>(new GatedPayloadStore()).AddHealthChecks().AddLlmTraceIngest());

        var entry = (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["llmingest"];

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Contains("gated", entry.Description, StringComparison.Ordinal);
        Assert.Equal("none", entry.Data["spool"]);
        Assert.Null(host.Services.GetService<IStorageAvailability>());
        Assert.False(Directory.Exists(_folder.Combine("spool")));
    }

    [Fact]
    public async Task Check_IsDegradedWhilePayloadsWaitInTheSpool_AndUnhealthyWhenTheSpoolIsFull()
    {
        await using var host = IngestTestHost.Create(
            o =>
            {
                o.Storage.Kind = PayloadStoreKind.S3;
                o.Storage.S3.Bucket = "b";
                o.Storage.S3.ServiceUrl = "http://127.0.0.1:1";
                o.Storage.S3.AccessKey = "ak";
                o.Storage.S3.SecretKey = "sk";
                o.Storage.Spool.Directory = _folder.Combine("spool");
                o.Storage.Spool.MaxBytes = 1024 * 1024;
                o.Log.Directory = _folder.Combine("logs");
            },
            s => s.AddHealthChecks().AddLlmTraceIngest());
        var health = host.Services.GetRequiredService<HealthCheckService>();
        var spool = host.Services.GetRequiredService<IStorageAvailability>().Spool;
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Entries["llmingest"].Status);

        await spool.TryEnqueueAsync(Upload(1000), CancellationToken.None);
        var degraded = (await health.CheckHealthAsync()).Entries["llmingest"];
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal(1, degraded.Data["spool_depth"]);

        while (await spool.TryEnqueueAsync(Upload(200_000), CancellationToken.None))
        {
        }

        var full = (await health.CheckHealthAsync()).Entries["llmingest"];
        Assert.Equal(HealthStatus.Unhealthy, full.Status);
        Assert.Contains("full", full.Description, StringComparison.Ordinal);

        spool.Complete(spool.Snapshot()[0]);
        Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync()).Entries["llmingest"].Status);
    }

    [Fact]
    public async Task Check_WhenABacklogHasWaitedLongerThanTheGraceWhileS3Answers_SaysItIsNotDraining_AndReportsTheSpool()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 22, 0, 0, TimeSpan.Zero));
        await using var host = IngestTestHost.Create(
            o =>
            {
                o.Storage.Kind = PayloadStoreKind.S3;
                o.Storage.S3.Bucket = "b";
                o.Storage.S3.ServiceUrl = "http://127.0.0.1:1";
                o.Storage.S3.AccessKey = "ak";
                o.Storage.S3.SecretKey = "sk";
                o.Storage.Spool.Directory = _folder.Combine("spool");
                o.Log.Directory = _folder.Combine("logs");
            },
            s =>
            {
                s.AddSingleton<TimeProvider>(time);
                s.AddHealthChecks().AddLlmTraceIngest();
            });
        var health = host.Services.GetRequiredService<HealthCheckService>();
        var availability = host.Services.GetRequiredService<IStorageAvailability>();
        await availability.Spool.TryEnqueueAsync(Upload(1000), CancellationToken.None);
        Assert.False(availability.InOutage);

        var recovering = (await health.CheckHealthAsync()).Entries["llmingest"];
        Assert.Equal(HealthStatus.Degraded, recovering.Status);
        Assert.Contains("is recovering: 1 payload(s) wait in the spool", recovering.Description, StringComparison.Ordinal);
        Assert.Equal(1, recovering.Data["spool_backlog"]);
        Assert.Equal(availability.Spool.Directory, recovering.Data["spool_directory"]);

        time.Advance(LlmTraceIngestHealthCheck.BacklogGrace + TimeSpan.FromSeconds(1));
        var stuck = (await health.CheckHealthAsync()).Entries["llmingest"];
        Assert.Equal(HealthStatus.Degraded, stuck.Status);
        Assert.Contains($"answers, but 1 payload(s) have waited in the spool at {availability.Spool.Directory} for 61 s (more than 60 s)", stuck.Description, StringComparison.Ordinal);
    }

    private static PendingUpload Upload(int size) => new()
    {
        Key = "traces/t/x/y.json",
        Body = new byte[Math.Max(1, size)],
        Metadata = [],
        Tags = [],
    };
}
