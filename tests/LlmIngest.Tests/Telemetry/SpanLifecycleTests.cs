using System.Diagnostics;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmIngest.Tests.Telemetry;

/// <summary>
/// Every span the library starts is stopped exactly once, whatever becomes of its call: stored, failed to store, sampled
/// out, dropped by the queue, failed in processing, or left behind at shutdown; each with its storage outcome. Off, no
/// span is started at all.
/// </summary>
[Collection(OpenTelemetryTests.Name)]
public sealed class SpanLifecycleTests
{
    [Fact]
    public async Task AStoreThatFails_GivesAFailureStorageEvent_WithTheErrorType_AndNoRefs()
    {
        await using var otel = await TelemetryHarness.StartAsync(services: s => s.AddSingleton<IPayloadStore>(new FailingPayloadStore()));
        await otel.Client(new CannedChatClient(), b => b.UseLlmTraceIngest()).GetResponseAsync("hello");
        await otel.FlushAsync();

        var span = Assert.Single(otel.OurChats);
        var storage = Assert.Single(span.Events, e => e.Name == "gen_ai.content.storage.result");
        Assert.Equal("failure", Tag(storage, "gen_ai.content.storage.status"));
        Assert.Equal(typeof(IOException).FullName, Tag(storage, "error.type"));
        Assert.Null(span.GetTagItem("gen_ai.input.messages_ref"));
        Assert.Equal((0, 0), otel.Lifecycle());
    }

    [Fact]
    public async Task AnAppsOwnStore_GetsNoRefs_ButTheSuccessEvent()
    {
        await using var otel = await TelemetryHarness.StartAsync(services: s => s.AddSingleton<IPayloadStore>(new GatedPayloadStore()));
        var gated = (GatedPayloadStore)otel.Host.Store;
        gated.Release();
        await otel.Client(new CannedChatClient(), b => b.UseLlmTraceIngest()).GetResponseAsync("hello");
        await otel.FlushAsync();

        var span = Assert.Single(otel.OurChats);
        Assert.Equal("success", Tag(Assert.Single(span.Events), "gen_ai.content.storage.status"));
        Assert.Null(span.GetTagItem("gen_ai.input.messages_ref"));
    }

    [Theory]
    [InlineData(SampledOutMode.IndexLineOnly)]
    [InlineData(SampledOutMode.Nothing)]
    public async Task ASampledOutCall_GivesASkippedStorageEvent_AndNoRefs(SampledOutMode mode)
    {
        await using var otel = await TelemetryHarness.StartAsync(o =>
        {
            o.Sampling.Rate = 0;
            o.Sampling.SampledOut = mode;
        });
        await otel.Client(new CannedChatClient(), b => b.UseLlmTraceIngest()).GetResponseAsync("hello");
        await otel.FlushAsync();

        var span = Assert.Single(otel.OurChats);
        Assert.Equal("skipped", Tag(Assert.Single(span.Events), "gen_ai.content.storage.status"));
        Assert.Equal(true, span.GetTagItem("llmingest.sampled_out"));
        Assert.Null(span.GetTagItem("gen_ai.input.messages_ref"));
        Assert.Equal((0, 0), otel.Lifecycle());
    }

    [Fact]
    public async Task ACallTheQueueDrops_HasItsSpanStoppedAtOnce_WithTheReason()
    {
        await using var otel = await TelemetryHarness.StartAsync(o =>
        {
            o.Queue.Capacity = 1;
            o.Queue.FullMode = QueueFullMode.DropNewest;
        });
        await otel.Host.StopAsync(); // the queue refuses from now on

        using (var call = otel.Tracer.StartCall("gpt-4o-mini"))
        {
            call.Complete("hi");
        }

        var span = Assert.Single(otel.OurChats);
        Assert.Equal("stopped", span.GetTagItem("llmingest.dropped"));
        Assert.Equal("skipped", Tag(Assert.Single(span.Events), "gen_ai.content.storage.status"));
        Assert.Equal((0, 0), otel.Lifecycle());
    }

    [Theory]
    [InlineData(QueueFullMode.DropNewest, "queue_full")]
    [InlineData(QueueFullMode.DropOldest, "evicted")]
    public async Task ACallAFullQueueDrops_HasItsSpanStoppedAtOnce_WithTheReason(QueueFullMode mode, string reason)
    {
        var gated = new GatedPayloadStore();
        await using var otel = await TelemetryHarness.StartAsync(
            o =>
            {
                o.Queue.Capacity = 1;
                o.Queue.FullMode = mode;
            },
            s => s.AddSingleton<IPayloadStore>(gated));
        var client = otel.Client(new CannedChatClient(), b => b.UseLlmTraceIngest());

        await client.GetResponseAsync("first");
        await gated.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(30)); // the worker holds the first, the queue is empty
        await client.GetResponseAsync("second");                           // fills the queue
        await client.GetResponseAsync("third");                            // dropped (DropNewest) or evicts the second (DropOldest)

        var dropped = Assert.Single(otel.OurChats);
        Assert.Equal(reason, dropped.GetTagItem("llmingest.dropped"));
        Assert.Equal("skipped", Tag(Assert.Single(dropped.Events), "gen_ai.content.storage.status"));

        var releasedAt = DateTime.UtcNow;
        gated.Release();
        await otel.FlushAsync();
        Assert.Equal(3, otel.OurChats.Count());
        Assert.Equal((0, 0), otel.Lifecycle());

        // Stopped on the worker after the upload, but they end when their calls ended: before the store answered.
        Assert.All(otel.OurChats, s => Assert.True(s.StartTimeUtc + s.Duration <= releasedAt, $"{s.DisplayName} ends at the call's end"));
    }

    [Fact]
    public async Task ACallWhoseProcessingFails_HasItsSpanStopped_WithAFailureEvent()
    {
        await using var otel = await TelemetryHarness.StartAsync(services: s => s.AddSingleton<IRedactor>(new ThrowingRedactor()));
        await otel.Client(new CannedChatClient(), b => b.UseLlmTraceIngest()).GetResponseAsync("hello");
        await otel.FlushAsync();

        var span = Assert.Single(otel.OurChats);
        var storage = Assert.Single(span.Events);
        Assert.Equal("failure", Tag(storage, "gen_ai.content.storage.status"));
        Assert.Equal(typeof(InvalidOperationException).FullName, Tag(storage, "error.type"));
        Assert.Equal((0, 0), otel.Lifecycle());
    }

    [Fact]
    public async Task AtAShutdownThatTimesOut_TheSpansOfUnfinishedCalls_AreStopped()
    {
        var gated = new GatedPayloadStore();
        await using var otel = await TelemetryHarness.StartAsync(
            o => o.Queue.BatchSize = 2,
            s => s.AddSingleton<IPayloadStore>(gated),
            shutdownTimeout: TimeSpan.FromMilliseconds(300));
        var client = otel.Client(new CannedChatClient(), b => b.UseLlmTraceIngest());
        for (var i = 0; i < 6; i++)
        {
            await client.GetResponseAsync("hello " + i);
        }

        await gated.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(30));
        await otel.Host.StopAsync(); // the store never answers: the worker is aborted with calls in flight and queued

        Assert.Equal(6, otel.Started());
        Assert.Equal((0, 0), otel.Lifecycle());
        Assert.Equal(6, otel.OurChats.Count());
    }

    [Fact]
    public async Task Disabled_StartsNoSpan_EvenWithAListener()
    {
        await using var otel = await TelemetryHarness.StartAsync(enabled: false);
        await otel.Client(new CannedChatClient(), b => b.UseLlmTraceIngest()).GetResponseAsync("hello");
        using (otel.Tracer.BeginOperation("agent"))
        {
            using var call = otel.Tracer.StartCall("gpt-4o-mini");
            Assert.Null(Activity.Current);
            call.Complete("hi");
        }

        await otel.FlushAsync();

        Assert.Equal(0, otel.Started());
        Assert.Empty(otel.Ours);
        Assert.Null(otel.Host.Services.GetRequiredService<LlmIngest.Capture.LlmTracer>().Spans);
    }

    [Fact]
    public async Task OptIn_ByTheOneCall_TurnsSpansOn()
    {
        await using var otel = await TelemetryHarness.StartAsync(enabled: false, services: s => s.AddLlmTraceOpenTelemetry(o => o.RecordContent = true));
        Assert.True(otel.Host.Options.OpenTelemetry.Enabled);
        Assert.True(otel.Host.Options.OpenTelemetry.RecordContent);
        await otel.Client(new CannedChatClient(), b => b.UseLlmTraceIngest()).GetResponseAsync("hello");
        await otel.FlushAsync();

        Assert.Single(otel.OurChats);
    }

    [Fact]
    public void Configuration_TurnsSpansOnAndContentOn()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmIngest:OpenTelemetry:Enabled"] = "true",
            ["LlmIngest:OpenTelemetry:RecordContent"] = "true",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddLlmTraceIngest(config.GetSection("LlmIngest")).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<LlmTraceIngestOptions>>().Value.OpenTelemetry;
        Assert.True(options.Enabled);
        Assert.True(options.RecordContent);
        Assert.NotNull(services.GetRequiredService<LlmIngest.Capture.LlmTracer>().Spans);
    }

    private static object? Tag(ActivityEvent e, string name) => e.Tags.FirstOrDefault(t => t.Key == name).Value;
}
