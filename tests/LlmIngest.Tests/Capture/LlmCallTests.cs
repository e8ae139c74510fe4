using LlmIngest.Capture;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LlmIngest.Tests.Capture;

public sealed class LlmCallTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private IngestTestHost _host = null!;
    private ILlmTracer _tracer = null!;

    public async Task InitializeAsync()
    {
        _host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Local.Directory = _folder.Combine("payloads");
        });
        await _host.StartAsync();
        _tracer = _host.Services.GetRequiredService<ILlmTracer>();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task StartCall_ThenComplete_RecordsResponseUsageCostLatencyAndTheOperationsContext()
    {
        string traceId;
        using (var operation = _tracer.BeginOperation("classify_ticket", sessionId: "sess-1", tenantId: "acme"))
        {
            traceId = operation.TraceId;
            using var call = _tracer.StartCall("gpt-4o-mini", [new LlmMessage("user", "My card was charged twice")]);
            call.Trace.ResponseId = "chatcmpl-manual";
            call.Complete("billing", new UsageDetails { InputTokenCount = 245, OutputTokenCount = 3 });
        }

        await _host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var trace = Assert.Single(await _host.Store.ReadTraceAsync("acme", traceId, CancellationToken.None)).Trace;
        Assert.Equal(("classify_ticket", "sess-1", 0), (trace.FunctionName, trace.SessionId, trace.Step));
        Assert.Equal(("billing", "stop", "chatcmpl-manual"), (trace.Response, trace.FinishReason, trace.ResponseId));
        Assert.Equal((245, 3, 248), (trace.PromptTokens, trace.CompletionTokens, trace.TotalTokens));
        Assert.Equal(((245 * 0.15m) + (3 * 0.60m)) / 1_000_000m, trace.CostUsd);
        Assert.True(trace.LatencyMs >= 0);
    }

    [Fact]
    public async Task Fail_RecordsTheDiagnosis_AndDisposeWithoutOutcome_RecordsAnAbandonedCall()
    {
        using (var call = _tracer.StartCall("gpt-4o", [new LlmMessage("user", "hi")]))
        {
            call.Fail(new TimeoutException("The request timed out."));
        }

        using (_tracer.StartCall("gpt-4o"))
        {
        }

        await _host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _host.StopAsync();
        var lines = RecordedLines.Read(_folder.Combine("logs"));
        Assert.Equal(2, lines.Count);
        Assert.Equal(("timeout", "error"), (lines[0].GetProperty("error_type").GetString(), lines[0].GetProperty("finish_reason").GetString()));
        Assert.Equal(("cancelled", "abandoned"), (lines[1].GetProperty("error_type").GetString(), lines[1].GetProperty("finish_reason").GetString()));
    }

    [Fact]
    public async Task GetSummary_CountsCallsTokensCostLatencyAndErrorsByType()
    {
        var clock = 0;
        foreach (var latency in new[] { 100, 200, 300, 400 })
        {
            _host.Recorder.Record(new LlmTrace { Model = "gpt-4o-mini", PromptTokens = 1_000, CompletionTokens = 100, LatencyMs = latency, Step = clock++ });
        }

        _host.Recorder.Record(new LlmTrace { Model = "gpt-4o-mini", Error = "429 Too Many Requests", ErrorType = "rate_limit", LatencyMs = 1_000 });
        _host.Recorder.Record(new LlmTrace { Model = "unknown-model", PromptTokens = 5, CompletionTokens = 5, LatencyMs = 0 });
        await _host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var summary = _tracer.GetSummary();

        Assert.Equal((6, 1), (summary.Calls, summary.Errors));
        Assert.Equal((4_005, 405, 4_410), (summary.PromptTokens, summary.CompletionTokens, summary.TotalTokens));
        Assert.Equal(4 * ((1_000 * 0.15m) + (100 * 0.60m)) / 1_000_000m, summary.CostUsd);
        Assert.Equal(1, summary.UnpricedCalls);
        Assert.Equal(2_000 / 6.0, summary.AverageLatencyMs, 6);
        Assert.Equal(1_000, summary.P95LatencyMs);
        Assert.Equal(1, summary.ErrorsByType["rate_limit"]);
    }
}
