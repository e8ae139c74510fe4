using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LlmIngest.IntegrationTests.Cli.Serve;

/// <summary>
/// <c>llmtrace serve</c> driven in headless Chromium (Playwright over the Debian <c>chromium</c>): the two clicks from
/// the calls list to a conversation, with assertions on the rendered DOM, and hostile payloads that must render as
/// text with no script run. Screenshots are kept in <see cref="ViewerFixture.Artifacts"/>.
/// </summary>
public sealed class ViewerInChromiumTests(ViewerFixture viewer, ITestOutputHelper output) : IClassFixture<ViewerFixture>
{
    private const float Timeout = 60_000;

    [Fact]
    public async Task ListFilterBySessionThenOpenTrace_ShowsItsStepsToolCallAndVerifiedBadges()
    {
        var (page, problems) = await OpenAsync();
        await page.GotoAsync(viewer.Serve.BaseAddress.AbsoluteUri);
        await page.Locator("#calls tbody tr.call").First.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal((ViewerTraces.FillerCalls + 4).ToString(System.Globalization.CultureInfo.InvariantCulture), await page.GetAttributeAsync("#count", "data-total"));

        // Click 1: filter by session.
        await page.FillAsync("#f-session", ViewerTraces.AgentSession);
        await page.ClickAsync("#apply");
        await page.Locator("#count[data-total='2']").WaitForAsync(new() { Timeout = Timeout });
        var rows = page.Locator("#calls tbody tr.call");
        Assert.Equal(2, await rows.CountAsync());
        Assert.All(await rows.Locator("a.session-link").AllTextContentsAsync(), s => Assert.Equal(ViewerTraces.AgentSession, s));
        await page.ScreenshotAsync(new() { Path = Artifact("list-filtered-by-session.png"), FullPage = true });

        // Click 2: open the trace.
        await page.Locator($"a.trace-link[data-trace-id='{ViewerTraces.AgentTrace}']").First.ClickAsync();
        await page.Locator("section.step").Nth(1).WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(ViewerTraces.AgentTrace, await page.TextContentAsync("#trace-id"));
        Assert.Equal(["0", "1"], await page.Locator("section.step").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.step)"));
        Assert.Equal(2, await page.Locator("#waterfall .wf-bar").CountAsync());
        Assert.Equal(1, await page.Locator("#waterfall .wf-ttft").CountAsync());

        var toolCall = page.Locator("section.step[data-step='0'] .tool-call[data-tool='lookup_order']");
        Assert.True(await toolCall.IsVisibleAsync());
        Assert.Contains("\"order_id\": \"A-1\",\n  \"verbose\": true", await toolCall.Locator("pre").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("\"status\": \"shipped\"", await page.Locator("section.step[data-step='1'] .msg[data-role='tool'] pre").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("arrives on 3 December", await page.Locator("section.step[data-step='1']").TextContentAsync(), StringComparison.Ordinal);

        // The redactor replaced the e-mail address; the viewer highlights the marker.
        Assert.Equal("[EMAIL]", await page.Locator("section.step[data-step='0'] mark.redaction").First.TextContentAsync());
        Assert.DoesNotContain("dana.whitfield@example.com", await page.ContentAsync(), StringComparison.Ordinal);

        var badges = page.Locator(".badge[data-status='verified']");
        Assert.Equal(2, await badges.CountAsync());
        Assert.Contains("matches the JSONL line", await badges.First.GetAttributeAsync("title"), StringComparison.Ordinal);
        Assert.Equal($"llmtrace get {ViewerTraces.AgentTrace} --tenant default", await page.InputValueAsync("#get-command"));
        await page.ScreenshotAsync(new() { Path = Artifact("trace.png"), FullPage = true });

        // The session page: the session's calls in order.
        await page.ClickAsync("#trace-session");
        await page.Locator("#count[data-total='2']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(["0", "1"], await page.Locator("#calls tbody tr.call td.num:nth-child(3)").AllTextContentsAsync());
        Assert.Empty(problems);
    }

    [Fact]
    public async Task TamperedPayload_IsNotShown_AndTheBadgeSaysSo()
    {
        var (page, problems) = await OpenAsync();
        await page.GotoAsync(viewer.Serve.BaseAddress.AbsoluteUri + "#/trace/" + ViewerTraces.TamperedTrace);
        await page.Locator("section.step").First.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(1, await page.Locator(".badge[data-status='failed']").CountAsync());
        Assert.Equal(0, await page.Locator(".badge[data-status='verified']").CountAsync());
        var text = await page.Locator("main").TextContentAsync();
        Assert.DoesNotContain("TAMPERED", text, StringComparison.Ordinal);
        Assert.Contains("but its JSONL line says", text, StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task HostilePayload_RendersAsText_AndRunsNoScript()
    {
        var (page, problems) = await OpenAsync();
        await page.GotoAsync(viewer.Serve.BaseAddress.AbsoluteUri + "#/trace/" + ViewerTraces.HostileTrace);
        await page.Locator("section.step").First.WaitForAsync(new() { Timeout = Timeout });

        // Let any injected handler (onerror, onload) fire before checking.
        await page.WaitForTimeoutAsync(500);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "a payload ran script in the viewer");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => document.scripts.length"));
        Assert.Equal(0, await page.Locator("main img, main svg, main style, main textarea, main script, main a[href^='javascript']").CountAsync());

        var text = await page.Locator("section.step").TextContentAsync() ?? string.Empty;
        foreach (var hostile in ViewerTraces.HostileTexts)
        {
            Assert.Contains(hostile, text, StringComparison.Ordinal);
        }

        Assert.Contains(ViewerTraces.LongLine, text, StringComparison.Ordinal);
        Assert.True(await page.Locator("body").IsVisibleAsync(), "an injected style hid the page");
        await page.ScreenshotAsync(new() { Path = Artifact("hostile-trace.png") });

        // The list renders the same text as text too.
        await page.GotoAsync(viewer.Serve.BaseAddress.AbsoluteUri + "#/session/sess-hostile");
        await page.Locator("#count[data-total='1']").WaitForAsync(new() { Timeout = Timeout });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
        Assert.Empty(problems);
    }

    private async Task<(IPage Page, List<string> Problems)> OpenAsync()
    {
        var context = await viewer.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                problems.Add($"console {m.Type}: {m.Text}");
            }
        };
        return (page, problems);
    }

    private string Artifact(string name)
    {
        var path = Path.Combine(ViewerFixture.Artifacts, name);
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
