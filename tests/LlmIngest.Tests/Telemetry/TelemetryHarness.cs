using System.Diagnostics;
using System.Text.Json;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace LlmIngest.Tests.Telemetry;

/// <summary>
/// A host with OpenTelemetry on (local folder store in a temp folder) and the OpenTelemetry SDK exporting every span of
/// the library's source and of a test MEAI source to memory. It also counts starts and stops per span (an
/// <see cref="ActivityListener"/>), so a test can check that every started span was stopped exactly once.
/// </summary>
internal sealed class TelemetryHarness : IAsyncDisposable
{
    public const string MeaiSource = "test.meai.chat";

    private readonly TracerProvider _provider;
    private readonly ActivityListener _counter;
    private readonly Dictionary<ActivitySpanId, int> _stops = [];
    private readonly HashSet<ActivitySpanId> _starts = [];
    private readonly Lock _lock = new();

    private TelemetryHarness(Action<LlmTraceIngestOptions>? configure, Action<IServiceCollection>? services, bool enabled, TimeSpan? shutdownTimeout)
    {
        _provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(LlmTraceOpenTelemetry.ActivitySourceName, MeaiSource)
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(Spans)
            .Build()!;
        _counter = new ActivityListener
        {
            ShouldListenTo = s => s.Name == LlmTraceOpenTelemetry.ActivitySourceName,
            ActivityStarted = a => { lock (_lock) { _starts.Add(a.SpanId); } },
            ActivityStopped = a => { lock (_lock) { _stops[a.SpanId] = _stops.GetValueOrDefault(a.SpanId) + 1; } },
        };
        ActivitySource.AddActivityListener(_counter);
        Host = IngestTestHost.Create(
            o =>
            {
                o.Log.Directory = Folder.Combine("logs");
                o.Storage.Local.Directory = Folder.Combine("payloads");
                o.OpenTelemetry.Enabled |= enabled;
                configure?.Invoke(o);
            },
            services,
            shutdownTimeout);
    }

    public TempFolder Folder { get; } = new();

    public IngestTestHost Host { get; }

    /// <summary>Every exported (stopped) span, in stop order.</summary>
    public List<Activity> Spans { get; } = [];

    public ILlmTracer Tracer => Host.Services.GetRequiredService<ILlmTracer>();

    public IEnumerable<Activity> Ours => Snapshot().Where(a => a.Source.Name == LlmTraceOpenTelemetry.ActivitySourceName);

    public IEnumerable<Activity> OurChats => Ours.Where(a => a.Kind == ActivityKind.Client);

    public IEnumerable<Activity> Meai => Snapshot().Where(a => a.Source.Name == MeaiSource);

    public List<JsonElement> Lines => RecordedLines.Read(Folder.Combine("logs"));

    public static async Task<TelemetryHarness> StartAsync(
        Action<LlmTraceIngestOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        bool enabled = true,
        TimeSpan? shutdownTimeout = null)
    {
        var harness = new TelemetryHarness(configure, services, enabled, shutdownTimeout);
        await harness.Host.StartAsync();
        return harness;
    }

    public IChatClient Client(IChatClient inner, Func<ChatClientBuilder, ChatClientBuilder> pipeline) =>
        pipeline(new ChatClientBuilder(inner)).Build(Host.Services);

    public Task FlushAsync() => Host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Spans of our source started but not stopped, and spans stopped more than once.</summary>
    public (int Running, int StoppedTwice) Lifecycle()
    {
        lock (_lock)
        {
            return (_starts.Count(id => !_stops.ContainsKey(id)), _stops.Values.Count(n => n > 1));
        }
    }

    public int Started()
    {
        lock (_lock)
        {
            return _starts.Count;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _counter.Dispose();
        _provider.Dispose();
        Folder.Dispose();
    }

    private List<Activity> Snapshot()
    {
        lock (Spans)
        {
            return [.. Spans];
        }
    }
}
