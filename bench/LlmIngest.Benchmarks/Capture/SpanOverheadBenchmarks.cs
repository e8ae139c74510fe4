using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using LlmIngest.Queue;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LlmIngest.Benchmarks.Capture;

/// <summary>
/// Issue 16's figure: the per-call cost on the caller's thread of an <see cref="IChatClient"/> pipeline over a trivial
/// inner client, with spans on — an <see cref="ActivityListener"/> samples every source (AllDataAndRecorded), so every
/// span a pipeline can create is really created, as under an OpenTelemetry SDK that exports them; exporting itself
/// happens off the caller's thread and is not measured. LlmIngest's queue is drained by a thread that discards traces
/// (the worker's cost is <c>WorkerThroughputBenchmarks</c>'). Mean is per call.
/// </summary>
[MemoryDiagnoser]
public class SpanOverheadBenchmarks
{
    private static readonly ChatMessage[] Messages =
    [
        new(ChatRole.System, "You are a helpful support assistant for Contoso. Answer briefly."),
        new(ChatRole.User, "My order #A-55821 arrived broken. What can I do?"),
    ];

    private static readonly ChatOptions Options = new() { ModelId = "gpt-4o-mini", Temperature = 0.2f, MaxOutputTokens = 256 };

    // One line per column (names short enough for BenchmarkDotNet's table); "both" is UseOpenTelemetry().UseLlmTraceIngest().
    // The queue is large so the drain thread never lets the record call meet a full queue.
    private static readonly PipelineCase[] Cases =
    [
        new("bare", null, b => b, SpansPerCall: 0),
        new("UseOpenTelemetry", null, b => b.UseOpenTelemetry(), SpansPerCall: 1),
        new("UseLlmTraceIngest", s => s.AddLlmTraceIngest(LargeQueue), b => b.UseLlmTraceIngest(), SpansPerCall: 0),
        new("both", s => s.AddLlmTraceIngest(LargeQueue), b => b.UseOpenTelemetry().UseLlmTraceIngest(), SpansPerCall: 1),

        // LlmIngest's own GenAI spans (opt-in with AddLlmTraceOpenTelemetry()); "both, spans on" must stay at one span
        // per call: LlmIngest adopts and enriches MEAI's span instead of adding its own. Our span is ended on the worker
        // (here: the discarding drain never ends it), so these columns are the caller's share only.
        new("UseLlmTraceIngest, spans on", s => s.AddLlmTraceIngest(LargeQueue).AddLlmTraceOpenTelemetry(), b => b.UseLlmTraceIngest(), SpansPerCall: 1),
        new("both, spans on", s => s.AddLlmTraceIngest(LargeQueue).AddLlmTraceOpenTelemetry(), b => b.UseOpenTelemetry().UseLlmTraceIngest(), SpansPerCall: 1),
    ];

    private IChatClient _client = null!;
    private ServiceProvider _services = null!;
    private ActivityListener _listener = null!;
    private CancellationTokenSource _drainStop = null!;
    private Thread? _drain;

    public static IEnumerable<string> Pipelines => Cases.Select(c => c.Name);

    [ParamsSource(nameof(Pipelines))]
    public string Pipeline { get; set; } = "bare";

    [GlobalSetup]
    public void Setup()
    {
        var pipeline = Cases.Single(c => c.Name == Pipeline);
        var spans = 0;
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = _ => Interlocked.Increment(ref spans),
        };
        ActivitySource.AddActivityListener(_listener);

        var services = new ServiceCollection().AddLogging();
        pipeline.Services?.Invoke(services);
        _services = services.BuildServiceProvider();
        _client = pipeline.Build(new ChatClientBuilder(new ZeroLatencyChatClient())).Build(_services);
        _drainStop = new CancellationTokenSource();
        if (_services.GetService<TraceQueue>() is { } queue)
        {
            _drain = new Thread(() => QueueDrain.Run(queue.Reader, _drainStop.Token)) { IsBackground = true, Name = "bench-drain" };
            _drain.Start();
        }

        Activity.Current = null;
        _client.GetResponseAsync(Messages, Options).GetAwaiter().GetResult();
        _listener.ActivityStarted = null;
        if (spans != pipeline.SpansPerCall)
        {
            throw new InvalidOperationException($"'{Pipeline}' created {spans} span(s) for one call, expected {pipeline.SpansPerCall}.");
        }
    }

    private static void LargeQueue(LlmTraceIngestOptions options) => options.Queue.Capacity = 1_000_000;

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener.Dispose();
        _drainStop.Cancel();
        _drain?.Join();
        _drainStop.Dispose();
        _services.Dispose();
    }

    [Benchmark]
    public Task<ChatResponse> GetResponse() => _client.GetResponseAsync(Messages, Options);
}
