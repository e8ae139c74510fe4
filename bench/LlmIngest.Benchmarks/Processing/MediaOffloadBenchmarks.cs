using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LlmIngest.Capture;
using LlmIngest.Diagnostics;
using LlmIngest.Processing;
using LlmIngest.Redaction;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmIngest.Benchmarks.Processing;

/// <summary>
/// The worker's cost of a 5 MB image in a message, up to the bytes handed to the store: a <c>DataContent</c> converted
/// and offloaded (SHA-256 of 5 MB, a reference), the same image as a base64 data URI in the text (scan, decode, hash,
/// marker), and for comparison what the worker did before offload with that text: redact and serialize 7 MB of base64.
/// Storing is not measured (that is the store's I/O, the same as a payload's).
/// </summary>
[MemoryDiagnoser]
public class MediaOffloadBenchmarks
{
    private readonly MediaOffloader _offloader = new(new NullMediaStore(), new MediaOptions(), new IngestCounters(), NullLogger.Instance);
    private readonly TraceRedactor _redactor = new(new PatternRedactor());
    private ChatMessage _chat = null!;
    private string _dataUriText = null!;

    [GlobalSetup]
    public void Setup()
    {
        var image = new byte[5 * 1024 * 1024];
        new Random(5).NextBytes(image);
        _chat = new ChatMessage(ChatRole.User, [new TextContent("what is in this picture?"), new DataContent(image, "image/png")]);
        _dataUriText = "what is in this picture? data:image/png;base64," + Convert.ToBase64String(image);
    }

    [Benchmark(Baseline = true)]
    public object DataContentOffload()
    {
        var trace = Trace(ChatMessageConversion.ToMessage(_chat));
        return _offloader.Offload(trace)!;
    }

    [Benchmark]
    public object DataUriInTextOffload() => _offloader.Offload(Trace(new LlmMessage("user", _dataUriText)))!;

    [Benchmark]
    public byte[] DataUriInTextWithoutOffload_RedactAndSerialize()
    {
        var trace = Trace(new LlmMessage("user", _dataUriText));
        _redactor.Redact(trace, new RedactionCounts());
        return JsonSerializer.SerializeToUtf8Bytes(trace, LlmIngestJsonContext.Relaxed.LlmTrace);
    }

    private static LlmTrace Trace(LlmMessage message) => new() { TenantId = "acme", TraceId = "t1", SpanId = "s1", Messages = [message] };
}
