using LlmIngest.IntegrationTests.Support;
using Microsoft.Playwright;

namespace LlmIngest.IntegrationTests.Cli.Serve;

/// <summary>
/// Records <see cref="ViewerTraces"/> through a real host into a local log and payload folder, tampers with one stored
/// payload, starts <c>llmtrace serve</c> on them as a process, and launches the system Chromium through Playwright
/// (no browser download: <see cref="BrowserTypeLaunchOptions.ExecutablePath"/>). Shared by the viewer's browser tests.
/// </summary>
public sealed class ViewerFixture : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private IPlaywright? _playwright;

    internal ServeProcess Serve { get; private set; } = null!;

    internal IBrowser Browser { get; private set; } = null!;

    public string Logs => _folder.Combine("logs");

    public string Payloads => _folder.Combine("payloads");

    /// <summary>Where screenshots go: kept after the run, printed by the tests.</summary>
    public static string Artifacts { get; } = Path.Combine(Path.GetTempPath(), "llmtrace-serve-artifacts");

    public async Task InitializeAsync()
    {
        await using (var host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = Logs;
            o.Storage.Local.Directory = Payloads;
        }))
        {
            await host.StartAsync();
            foreach (var trace in ViewerTraces.All())
            {
                Assert.True(host.Recorder.Record(trace), "a viewer test trace was dropped");
            }

            await host.Recorder.FlushAsync();
            await host.StopAsync();
        }

        // A payload changed after it was stored: its SHA-256 no longer matches its index line.
        var tampered = Path.Combine(Payloads, "default", ViewerTraces.TamperedTrace, "c000000000000001.json");
        await File.WriteAllTextAsync(tampered, (await File.ReadAllTextAsync(tampered)).Replace("the original answer", "a TAMPERED answer", StringComparison.Ordinal));

        Serve = await ServeProcess.StartAsync(["--port", "0", "--log", Logs, "--payloads", Payloads]);
        Directory.CreateDirectory(Artifacts);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumBrowser.Find(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Serve is not null)
        {
            await Serve.DisposeAsync();
        }

    }

    public void Dispose() => _folder.Dispose();
}
