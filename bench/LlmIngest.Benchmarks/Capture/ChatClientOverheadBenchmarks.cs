using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using LlmIngest.Capture;
using LlmIngest.Queue;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LlmIngest.Benchmarks.Capture;

/// <summary>
/// Per-call overhead of <c>UseLlmTraceIngest()</c> over an untraced zero-latency <see cref="IChatClient"/>, side by side
/// with MEAI's <c>UseOpenTelemetry()</c> (without a listener, as in an app that exports nothing, and with a listener that
/// samples every span). What is measured is the caller's thread: the LlmIngest queue is drained by a thread that
/// discards traces, so the worker's redaction and storage (off the caller's thread by design) are not in the figures.
/// </summary>
[MemoryDiagnoser]
public class ChatClientOverheadBenchmarks
{
    private static readonly ChatMessage[] Messages =
    [
        new(ChatRole.System, "You are a helpful support assistant for Contoso. Answer briefly."),
        new(ChatRole.User, "My order #A-55821 arrived broken. What can I do?"),
    ];

    private static readonly ChatOptions Options = new() { ModelId = "gpt-4o-mini", Temperature = 0.2f, MaxOutputTokens = 256 };

    private IChatClient _untraced = null!;
    private IChatClient _openTelemetry = null!;
    private IChatClient _llmIngest = null!;
    private ServiceProvider _services = null!;
    private ActivityListener? _listener;
    private CancellationTokenSource _drainStop = null!;
    private Thread _drain = null!;

    [GlobalSetup]
    public void Setup()
    {
        var inner = new ZeroLatencyChatClient();
        _untraced = inner;
        _openTelemetry = new ChatClientBuilder(inner).UseOpenTelemetry().Build();

        _services = new ServiceCollection().AddLogging().AddLlmTraceIngest(o => o.Queue.Capacity = 1_000_000).BuildServiceProvider();
        _llmIngest = new ChatClientBuilder(inner).UseLlmTraceIngest().Build(_services);
        var queue = _services.GetRequiredService<TraceQueue>();
        _drainStop = new CancellationTokenSource();
        _drain = new Thread(() => QueueDrain.Run(queue.Reader, _drainStop.Token)) { IsBackground = true, Name = "bench-drain" };
        _drain.Start();
    }

    [GlobalSetup(Targets = [nameof(OpenTelemetrySampled), nameof(OpenTelemetrySampledStreaming)])]
    public void SetupSampled()
    {
        Setup();
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener?.Dispose();
        _drainStop.Cancel();
        _drain.Join();
        _drainStop.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Untraced() => _untraced.GetResponseAsync(Messages, Options);

    [Benchmark]
    public Task<ChatResponse> OpenTelemetryNoListener() => _openTelemetry.GetResponseAsync(Messages, Options);

    [Benchmark]
    public Task<ChatResponse> OpenTelemetrySampled() => _openTelemetry.GetResponseAsync(Messages, Options);

    [Benchmark]
    public Task<ChatResponse> LlmIngest() => _llmIngest.GetResponseAsync(Messages, Options);

    [Benchmark]
    public Task<int> UntracedStreaming() => ConsumeAsync(_untraced);

    [Benchmark]
    public Task<int> OpenTelemetryNoListenerStreaming() => ConsumeAsync(_openTelemetry);

    [Benchmark]
    public Task<int> OpenTelemetrySampledStreaming() => ConsumeAsync(_openTelemetry);

    [Benchmark]
    public Task<int> LlmIngestStreaming() => ConsumeAsync(_llmIngest);

    private static async Task<int> ConsumeAsync(IChatClient client)
    {
        var count = 0;
        await foreach (var update in client.GetStreamingResponseAsync(Messages, Options).ConfigureAwait(false))
        {
            count += update.Contents.Count;
        }

        return count;
    }
}
