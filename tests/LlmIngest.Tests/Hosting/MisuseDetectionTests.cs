using LlmIngest.Diagnostics;
using LlmIngest.Hosting;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace LlmIngest.Tests.Hosting;

/// <summary>Wiring mistakes a new user makes get an error or a warning that says what to do, instead of silence or a hang.</summary>
public sealed class MisuseDetectionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AddLlmTraceIngest_GivenTheConfigurationRoot_FailsAtStartNamingTheSectionToPass()
    {
        var configuration = Configuration(new() { ["LlmIngest:Log:Target"] = "None", ["LlmIngest:Storage:Local:Directory"] = _folder.Combine("p") });
        using var host = Host(services => services.AddLlmTraceIngest(configuration));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("the configuration root, which contains an 'LlmIngest' section", failure.Message, StringComparison.Ordinal);
        Assert.Contains("GetSection(\"LlmIngest\")", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLlmTraceIngest_GivenTheLlmIngestSection_StartsWithItsSettings()
    {
        var configuration = Configuration(new() { ["LlmIngest:Log:Target"] = "None", ["LlmIngest:Storage:Local:Directory"] = _folder.Combine("p") });
        using var host = Host(services => services.AddLlmTraceIngest(configuration.GetSection("LlmIngest")));

        await host.StartAsync();

        Assert.Equal(PreviewLogTarget.None, host.Services.GetRequiredService<IOptions<LlmTraceIngestOptions>>().Value.Log.Target);
        await host.StopAsync();
    }

    [Fact]
    public async Task RecordingWithoutStartingTheHost_WarnsOnce_AndFlushFailsWithAMessageInsteadOfHanging()
    {
        await using var host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Local.Directory = _folder.Combine("payloads");
        });

        Assert.True(host.Recorder.Record(new LlmTrace { Model = "gpt-4o-mini" }));
        Assert.True(host.Recorder.Record(new LlmTrace { Model = "gpt-4o-mini" }));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("worker is not running (2 trace(s) waiting)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Start the host", failure.Message, StringComparison.Ordinal);
        var warnings = host.Logs.GetSnapshot().Where(r => r.Message.Contains("its worker is not running", StringComparison.Ordinal)).ToList();
        Assert.Equal(LogLevel.Warning, Assert.Single(warnings).Level);

        // Once the host starts, the queued traces are written and the flush completes.
        await host.StartAsync();
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, host.Metric("llmingest.traces.processed"));
    }

    [Fact]
    public async Task FlushAfterTheHostStopped_CompletesWhenAllWasWritten()
    {
        await using var host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Local.Directory = _folder.Combine("payloads");
        });
        await host.StartAsync();
        host.Recorder.Record(new LlmTrace { Model = "gpt-4o-mini" });
        await host.StopAsync();

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, host.Metric("llmingest.traces.processed"));
    }

    [Fact]
    public void UseLlmTraceIngest_WithoutAddLlmTraceIngest_FailsWhenTheClientIsBuilt_NamingTheMissingCall()
    {
        using var services = new ServiceCollection().AddLogging().BuildServiceProvider();

        var failure = Assert.Throws<InvalidOperationException>(() => new ChatClientBuilder(new ScriptedChatClient()).UseLlmTraceIngest().Build(services));

        Assert.Contains("services.AddLlmTraceIngest", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DebugMode_UnderAWarningLogLevel_SaysHowToSeeItsLines_AndWithLevelWarning_PrintsOneLinePerCall()
    {
        using (var quiet = DebugHost(LogLevel.Warning, o => { }))
        {
            await quiet.StartAsync();
            quiet.Services.GetRequiredService<ILlmTraceRecorder>().Record(new LlmTrace { Model = "gpt-4o-mini", LatencyMs = 5 });
            await quiet.Services.GetRequiredService<ILlmTraceRecorder>().FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var logged = quiet.Services.GetFakeLogCollector().GetSnapshot();
            var hint = Assert.Single(logged, r => r.Category == DebugTracePrinter.Category);
            Assert.Equal(LogLevel.Warning, hint.Level);
            Assert.Contains("Logging:LogLevel:LlmIngest.Calls", hint.Message, StringComparison.Ordinal);
            await quiet.StopAsync();
        }

        using var shown = DebugHost(LogLevel.Warning, o =>
        {
            o.Debug.Level = LogLevel.Warning;
            o.Debug.Prompts = true;
            o.Debug.MaxContentLength = 20;
        });
        await shown.StartAsync();
        var recorder = shown.Services.GetRequiredService<ILlmTraceRecorder>();
        recorder.Record(new LlmTrace { Model = "gpt-4o-mini", LatencyMs = 5, Messages = [new LlmMessage("user", "line one\nline two and a long tail that is cut")] });
        recorder.Record(new LlmTrace { Model = "gpt-4o-mini", LatencyMs = 5, Error = "first line\n   at Some.Stack.Frame()", ErrorType = "server_error" });
        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var printed = shown.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Category == DebugTracePrinter.Category).Select(r => r.Message).ToList();
        Assert.Equal(3, printed.Count); // call line + its prompt, failed call line
        Assert.All(printed, m => Assert.DoesNotContain('\n', m));
        Assert.Contains("[user] line one⏎line two an…", printed[1], StringComparison.Ordinal);
        Assert.Contains("FAILED server_error: first line⏎   at Some.Stack.Frame()", printed[2], StringComparison.Ordinal);
        await shown.StopAsync();
    }

    private IHost DebugHost(LogLevel appLevel, Action<LlmTraceIngestOptions> configure) => Host(
        services =>
        {
            services.AddLogging(l => l.SetMinimumLevel(appLevel).AddFakeLogging());
            services.AddLlmTraceIngest(o =>
            {
                o.Log.Directory = _folder.Combine("logs");
                o.Storage.Local.Directory = _folder.Combine("payloads");
                o.Debug.Enabled = true;
                configure(o);
            });
        },
        fakeLogging: false);

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static IHost Host(Action<IServiceCollection> configure, bool fakeLogging = true)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (fakeLogging)
        {
            builder.Services.AddLogging(l => l.AddFakeLogging());
        }

        configure(builder.Services);
        return builder.Build();
    }
}
