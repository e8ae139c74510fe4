using System.Text.Json;
using System.Text.RegularExpressions;
using LlmIngest.Hosting;
using LlmIngest.Redaction;
using LlmIngest.Storage;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Tests.Hosting;

public sealed partial class TraceIngestWorkerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Worker_WritesOneJsonlLineAndOnePayloadPerTrace_WithRedactedPreviewsOfAtMost100Characters()
    {
        await using var host = IngestTestHost.Create(Configure);
        await host.StartAsync();
        var secret = "Call me at (415) 555-0132 or mail dana@example.com, SSN 219-09-9999, card 4111 1111 1111 1111. " + new string('z', 200);
        var trace = SampleTraces.Chat(user: secret, response: "Noted dana@example.com " + new string('y', 300));
        host.Recorder.Record(trace);
        host.Recorder.Record(SampleTraces.Chat(trace.TraceId, step: 1));

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        var lines = ReadLines();
        Assert.Equal(2, lines.Count);
        var first = lines[0].RootElement;
        var input = first.GetProperty("input_preview").GetString()!;
        var output = first.GetProperty("output_preview").GetString()!;
        Assert.True(input.Length <= 100 && output.Length <= 100);
        Assert.StartsWith("Call me at [PHONE] or mail [EMAIL], SSN [SSN], card [CARD].", input, StringComparison.Ordinal);
        Assert.StartsWith("Noted [EMAIL] yyy", output, StringComparison.Ordinal);
        Assert.Equal(1, first.GetProperty("redactions").GetProperty("phone").GetInt32());
        Assert.Equal(3, first.GetProperty("redactions").GetProperty("email").GetInt32()); // the request, the response text and the response message
        Assert.True(first.GetProperty("payload_stored").GetBoolean());

        var store = host.Services.GetRequiredService<IPayloadStore>();
        var payloads = await store.ReadTraceAsync("default", trace.TraceId!, CancellationToken.None);
        Assert.Equal([0, 1], payloads.Select(p => p.Trace.Step));
        Assert.Equal(first.GetProperty("payload_sha256").GetString(), payloads[0].Sha256);
        Assert.Equal(first.GetProperty("payload_key").GetString(), payloads[0].Key);
        var full = payloads[0].Trace;
        Assert.Equal(secret.Replace("(415) 555-0132", "[PHONE]", StringComparison.Ordinal)
            .Replace("dana@example.com", "[EMAIL]", StringComparison.Ordinal)
            .Replace("219-09-9999", "[SSN]", StringComparison.Ordinal)
            .Replace("4111 1111 1111 1111", "[CARD]", StringComparison.Ordinal), full.Messages![1].Content);
        Assert.Equal(300 + "Noted [EMAIL] ".Length, full.Response!.Length);
    }

    [Fact]
    public async Task Worker_WithPayloadRedactionOff_StoresTheRawPayloadButStillRedactsTheJsonlLine()
    {
        await using var host = IngestTestHost.Create(o =>
        {
            Configure(o);
            o.Redaction.RedactPayloads = false;
        });
        await host.StartAsync();
        var trace = SampleTraces.Chat(user: "mail dana@example.com");
        trace.Error = "failed for dana@example.com";
        trace.Tags = ["dana@example.com"];
        host.Recorder.Record(trace);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        var raw = File.ReadAllText(Directory.GetFiles(_folder.Combine("logs"), "*.jsonl")[0]);
        Assert.DoesNotContain("dana@example.com", raw, StringComparison.Ordinal);
        var payload = Assert.Single(await host.Services.GetRequiredService<IPayloadStore>().ReadTraceAsync("default", trace.TraceId!, CancellationToken.None));
        Assert.Equal("mail dana@example.com", payload.Trace.Messages![1].Content);
    }

    [Fact]
    public async Task Worker_WhenOneTraceFails_LogsAndSkipsItAndKeepsProcessingTheOthers()
    {
        await using var host = IngestTestHost.Create(Configure, s => s.AddSingleton<IRedactor>(new ThrowingRedactor("poison")));
        await host.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            host.Recorder.Record(SampleTraces.Chat(user: i == 3 ? "poison pill" : $"question {i}"));
        }

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        host.Recorder.Record(SampleTraces.Chat(user: "after the failure"));
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        Assert.Equal(10, ReadLines().Count);
        Assert.Equal(1, host.Metric("llmingest.traces.processed", "failed"));
        Assert.Equal(10, host.Metric("llmingest.traces.processed", "ok"));
        var error = Assert.Single(host.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("was skipped", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("poison pill", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_WhenTheStoreFails_StillWritesTheJsonlLineMarkedNotStoredAndCountsTheFailure()
    {
        await using var host = IngestTestHost.Create(Configure, s => s.AddSingleton<IPayloadStore>(new FailingPayloadStore()));
        await host.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(host.Recorder.Record(SampleTraces.Chat()));
        }

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        var lines = ReadLines();
        Assert.Equal(5, lines.Count);
        Assert.All(lines, l => Assert.False(l.RootElement.GetProperty("payload_stored").GetBoolean()));
        Assert.Equal(5, host.Metric("llmingest.payloads.failed"));
        Assert.Equal(5, host.Metric("llmingest.traces.processed", "failed"));
    }

    [Fact]
    public async Task GracefulShutdown_With5000TracesQueued_LosesNoneOfThem()
    {
        var store = new GatedPayloadStore(new LocalFolderPayloadStore(new LocalStorageOptions { Directory = _folder.Combine("payloads") }));
        await using var host = IngestTestHost.Create(Configure, s => s.AddSingleton<IPayloadStore>(store));
        await host.StartAsync();
        var traceIds = new HashSet<string>();
        for (var i = 0; i < 5_000; i++)
        {
            var trace = SampleTraces.Chat(user: $"question {i}");
            Assert.True(host.Recorder.Record(trace));
            traceIds.Add(trace.TraceId!);
        }

        await store.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(host.Metric("llmingest.queue.depth") >= 5_000 - 256, "the traces are still queued when the stop begins");

        var stopping = host.StopAsync();
        store.Release();
        await stopping;

        var lines = ReadLines();
        Assert.Equal(5_000, lines.Count);
        Assert.Equal(traceIds, lines.Select(l => l.RootElement.GetProperty("trace_id").GetString()!).ToHashSet());
        Assert.Equal(5_000, Directory.GetFiles(_folder.Combine("payloads"), "*.json", SearchOption.AllDirectories).Length);
        Assert.Equal(5_000, host.Metric("llmingest.traces.processed", "ok"));
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Message.Contains("5000 trace(s) processed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shutdown_WhenTheStoreNeverAnswers_GivesUpAtTheHostTimeoutAndReportsWhatWasLeft()
    {
        var store = new GatedPayloadStore();
        await using var host = IngestTestHost.Create(Configure, s => s.AddSingleton<IPayloadStore>(store), shutdownTimeout: TimeSpan.FromMilliseconds(300));
        await host.StartAsync();
        for (var i = 0; i < 50; i++)
        {
            host.Recorder.Record(SampleTraces.Chat());
        }

        await store.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        var report = Assert.Single(host.Logs.GetSnapshot(), r => r.Message.Contains("shutdown timed out", StringComparison.Ordinal));
        Assert.Matches(RemainingPattern(), report.Message);
        Assert.Equal("50", RemainingPattern().Match(report.Message).Groups[1].Value);
    }

    [GeneratedRegex(@"with (\d+) trace\(s\) not processed")]
    private static partial Regex RemainingPattern();

    private List<JsonDocument> ReadLines() =>
        Directory.GetFiles(_folder.Combine("logs"), "*.jsonl")
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines)
            .Select(l => JsonDocument.Parse(l))
            .ToList();

    private void Configure(LlmTraceIngestOptions options)
    {
        options.Log.Directory = _folder.Combine("logs");
        options.Storage.Local.Directory = _folder.Combine("payloads");
    }

    private sealed class ThrowingRedactor(string trigger) : IRedactor
    {
        private readonly PatternRedactor _inner = new();

        public string Redact(string text, RedactionCounts counts) =>
            text.Contains(trigger, StringComparison.Ordinal) ? throw new InvalidOperationException("detector bug") : _inner.Redact(text, counts);
    }

    private sealed class FailingPayloadStore : IPayloadStore
    {
        public string Description => "failing";

        public string GetKey(string tenantId, string traceId, string spanId) => PayloadKeys.ForPayload("x", tenantId, traceId, spanId);

        public Task WriteAsync(PayloadObject payload, CancellationToken cancellationToken) => throw new IOException("store is down");

        public Task<IReadOnlyList<StoredPayload>> ReadTraceAsync(string tenantId, string traceId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StoredPayload?> ReadAsync(string tenantId, string traceId, string spanId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
