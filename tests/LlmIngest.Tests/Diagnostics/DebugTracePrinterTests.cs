using LlmIngest.Diagnostics;
using LlmIngest.Hosting;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Tests.Diagnostics;

public sealed class DebugTracePrinterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("LLMINGEST_DEBUG", "1", true, false, false)]
    [InlineData("LLMINGEST_DEBUG", "true", true, false, false)]
    [InlineData("LLMINGEST_DEBUG_PROMPTS", "on", true, true, false)]
    [InlineData("LLMINGEST_DEBUG_RESPONSES", "yes", true, false, true)]
    [InlineData("LLMINGEST_DEBUG", "0", false, false, false)]
    [InlineData("OTHER", "1", false, false, false)]
    public void EnvironmentSwitches_TurnDebugModeOn(string variable, string value, bool enabled, bool prompts, bool responses)
    {
        var options = new LlmTraceIngestOptions();

        new DebugEnvironment(name => name == variable ? value : null).PostConfigure(null, options);

        Assert.Equal((enabled, prompts, responses), (options.Debug.Enabled, options.Debug.Prompts, options.Debug.Responses));
    }

    [Fact]
    public async Task DebugMode_PrintsModelLatencyTokensAndCost_AndOnlyWhenAskedTheRedactedPrompt()
    {
        await using var host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Local.Directory = _folder.Combine("payloads");
            o.Debug.Prompts = true;
            o.Debug.Enabled = true;
        });
        await host.StartAsync();
        host.Recorder.Record(new LlmTrace
        {
            Model = "gpt-4o-mini",
            Messages = [new LlmMessage("user", "mail me at dana@example.com")],
            Response = "sure thing",
            PromptTokens = 1_000,
            CompletionTokens = 100,
            LatencyMs = 412,
            FinishReason = "stop",
        });
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var printed = host.Logs.GetSnapshot().Where(r => r.Category == DebugTracePrinter.Category).Select(r => r.Message).ToList();
        Assert.Equal(2, printed.Count);
        Assert.Contains("gpt-4o-mini", printed[0], StringComparison.Ordinal);
        Assert.Contains("412 ms", printed[0], StringComparison.Ordinal);
        Assert.Contains("1000 in / 100 out", printed[0], StringComparison.Ordinal);
        Assert.Contains("$0.00021", printed[0], StringComparison.Ordinal);
        Assert.Contains("[user] mail me at [EMAIL]", printed[1], StringComparison.Ordinal);
        Assert.DoesNotContain(printed, m => m.Contains("sure thing", StringComparison.Ordinal));
        Assert.DoesNotContain(printed, m => m.Contains("dana@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DebugMode_IsOffByDefault()
    {
        await using var host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Local.Directory = _folder.Combine("payloads");
        });
        await host.StartAsync();
        host.Recorder.Record(new LlmTrace { Model = "gpt-4o-mini", LatencyMs = 1 });
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, host.Metric("llmingest.traces.processed"));
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Category == DebugTracePrinter.Category && r.Level >= LogLevel.Trace);
    }
}
