using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmIngest.Benchmarks.Load;

/// <summary>
/// <c>viewer [--count 1000000] [--steps 50] [--runs 7]</c>: times <c>llmtrace serve</c> (the built CLI,
/// src/LlmIngest.Cli/bin/Release) on <c>count</c> generated index lines plus one trace of <c>steps</c> steps recorded
/// through the real pipeline into a local payload folder: the load at start, then each list query and the trace
/// document, <c>runs</c> times each over HTTP (median and worst). The page's own rendering is not in these figures.
/// </summary>
internal static class ViewerLoad
{
    private static readonly string[] Models = ["gpt-4o-mini", "gpt-4o", "claude-sonnet-4-6", "mistral-large"];
    private static readonly string[] Functions = ["classify_ticket", "summarize_thread", "draft_reply", "answer_question"];

    public static async Task<int> RunAsync(LoadArguments arguments)
    {
        var count = arguments.Int("count", 1_000_000);
        var steps = arguments.Int("steps", 50);
        var runs = arguments.Int("runs", 7);
        var work = Path.Combine(Path.GetTempPath(), "llmingest-viewer-load-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(work, "logs"));
        try
        {
            var clock = Stopwatch.StartNew();
            WriteLines(Path.Combine(work, "logs", "traces-20261201.jsonl"), count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"viewer: {count:N0} lines written in {clock.Elapsed.TotalSeconds:0.0} s ({new FileInfo(Path.Combine(work, "logs", "traces-20261201.jsonl")).Length / 1_048_576:N0} MB)"));
            var traceId = await RecordTraceAsync(work, steps).ConfigureAwait(false);

            var cli = Path.Combine(FindRoot(), "src", "LlmIngest.Cli", "bin", "Release", "net10.0", "LlmIngest.Cli.dll");
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { cli, "serve", "--port", "0", "--log", Path.Combine(work, "logs"), "--payloads", Path.Combine(work, "payloads") })
            {
                info.ArgumentList.Add(a);
            }

            clock.Restart();
            using var serve = Process.Start(info)!;
            string? url = null;
            while (url is null && await serve.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                Console.WriteLine(line);
                var at = line.IndexOf("listening on ", StringComparison.Ordinal);
                url = at >= 0 ? line[(at + 13)..].Split(' ')[0] : null;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"viewer: serve ready after {clock.Elapsed.TotalSeconds:0.0} s (process start, load, listen)"));
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(url ?? throw new InvalidOperationException("serve did not start")) };
                Console.WriteLine("| request | total rows | median ms | worst ms |");
                Console.WriteLine("|---|---|---|---|");
                foreach (var query in new[]
                {
                    "api/calls", "api/calls?sort=latency", "api/calls?session=sess-4242", "api/calls?model=gpt-4o*&error=any&sort=cost",
                    "api/calls?q=order%20number%20777&sort=timestamp&dir=asc", "api/calls?min_latency=20000&tag=even", "api/calls?page=10000",
                    "api/calls?function=draft_reply&since=2026-12-01T06:00:00Z&until=2026-12-01T12:00:00Z",
                })
                {
                    await TimeAsync(http, query, runs).ConfigureAwait(false);
                }

                await TimeAsync(http, "api/traces/" + traceId, runs).ConfigureAwait(false);
                await BrowserTimingsAsync(new Uri(url), traceId, steps, runs).ConfigureAwait(false);
                serve.Refresh();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"viewer: serve peak working set {serve.PeakWorkingSet64 / 1_048_576:N0} MiB"));
            }
            finally
            {
                serve.Kill(entireProcessTree: true);
                await serve.WaitForExitAsync().ConfigureAwait(false);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>In the system Chromium (Playwright, no download): navigation until the rows or the steps are in the DOM.</summary>
    private static async Task BrowserTimingsAsync(Uri url, string traceId, int steps, int runs)
    {
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync().ConfigureAwait(false);
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] }).ConfigureAwait(false);
        var page = await browser.NewPageAsync().ConfigureAwait(false);
        foreach (var (name, address, selector) in new[]
        {
            ("list page, first 50 of all calls", url.AbsoluteUri, "#calls tbody tr.call >> nth=49"),
            ("list page, one session", url.AbsoluteUri + "#/session/sess-4242", "#count"),
            ($"trace page, {steps} steps", url.AbsoluteUri + "#/trace/" + traceId, $"section.step >> nth={steps - 1}"),
        })
        {
            var times = new List<double>(runs);
            for (var i = 0; i < runs; i++)
            {
                await page.GotoAsync("about:blank").ConfigureAwait(false);
                var clock = Stopwatch.StartNew();
                await page.GotoAsync(address).ConfigureAwait(false);
                await page.Locator(selector).WaitForAsync(new() { Timeout = 60_000 }).ConfigureAwait(false);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| browser: {name} | | {times[times.Count / 2]:0} | {times[^1]:0} |"));
        }
    }

    private static async Task TimeAsync(HttpClient http, string path, int runs)
    {
        var times = new List<double>(runs);
        var total = "-";
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(path).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            times.Add(clock.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(body);
            total = json.RootElement.TryGetProperty("total", out var t) ? t.GetInt64().ToString("N0", CultureInfo.InvariantCulture)
                : json.RootElement.GetProperty("steps").GetArrayLength().ToString(CultureInfo.InvariantCulture) + " steps, " + (body.Length / 1024).ToString("N0", CultureInfo.InvariantCulture) + " KB";
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{path}` | {total} | {times[times.Count / 2]:0} | {times[^1]:0} |"));
    }

    private static void WriteLines(string path, int count)
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var json = new Utf8JsonWriter(stream);
        for (var n = 0; n < count; n++)
        {
            var prompt = random.Next(20, 4000);
            var completion = random.Next(0, 900);
            var failed = random.NextDouble() < 0.04;
            json.WriteStartObject();
            json.WriteNumber("schema_version", 1);
            json.WriteString("trace_id", n.ToString("x32", CultureInfo.InvariantCulture));
            json.WriteString("span_id", (n * 7919L).ToString("x16", CultureInfo.InvariantCulture));
            json.WriteNumber("step", 0);
            json.WriteString("session_id", "sess-" + (n % 9973).ToString(CultureInfo.InvariantCulture));
            json.WriteString("tenant_id", "default");
            json.WriteString("timestamp", start.AddMilliseconds(n * 86.4));
            json.WriteString("provider", "openai");
            json.WriteString("model", Models[random.Next(Models.Length)]);
            json.WriteString("operation", "chat");
            json.WriteString("function_name", Functions[random.Next(Functions.Length)]);
            json.WriteStartArray("tags");
            json.WriteStringValue("synthetic");
            if (n % 2 == 0)
            {
                json.WriteStringValue("even");
            }

            json.WriteEndArray();
            json.WriteNumber("prompt_tokens", prompt);
            json.WriteNumber("completion_tokens", completion);
            json.WriteNumber("total_tokens", prompt + completion);
            json.WriteNumber("latency_ms", Math.Round(80 + (Math.Pow(random.NextDouble(), 4) * 30_000), 1));
            json.WriteNumber("cost_usd", Math.Round((prompt * 0.00000015) + (completion * 0.0000006), 8));
            json.WriteString("finish_reason", failed ? "error" : "stop");
            if (failed)
            {
                json.WriteString("error", "Rate limit reached for requests per min.");
                json.WriteString("error_type", "rate_limit");
            }

            json.WriteString("input_preview", "Hi, I need help with my latest order number " + n.ToString(CultureInfo.InvariantCulture));
            json.WriteString("output_preview", "Thanks for reaching out; a colleague will contact you.");
            json.WriteString("payload_key", $"default/{n:x32}/{n * 7919L:x16}.json");
            json.WriteString("payload_sha256", new string('0', 64));
            json.WriteNumber("payload_bytes", 1200);
            json.WriteBoolean("payload_stored", true);
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            stream.WriteByte((byte)'\n');
        }
    }

    /// <summary>One trace of <paramref name="steps"/> steps (~6 KB payloads, a tool call each) through the real pipeline.</summary>
    private static async Task<string> RecordTraceAsync(string work, int steps)
    {
        await using var services = new ServiceCollection().AddLogging().AddLlmTraceIngest(o =>
        {
            o.Log.Directory = Path.Combine(work, "logs");
            o.Storage.Local.Directory = Path.Combine(work, "payloads");
        }).BuildServiceProvider();
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var recorder = services.GetRequiredService<ILlmTraceRecorder>();
        var traceId = "f" + Guid.NewGuid().ToString("N")[1..];
        var text = new StringBuilder().Insert(0, "The customer writes about order A-1 and the refund policy. ", 80).ToString();
        for (var i = 0; i < steps; i++)
        {
            recorder.Record(new LlmTrace
            {
                TraceId = traceId,
                Step = i,
                SessionId = "sess-fifty",
                Timestamp = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(i * 900),
                Model = "gpt-4o-mini",
                FunctionName = "long_agent",
                Messages = [new LlmMessage("system", "You are an agent."), new LlmMessage("user", text)],
                ResponseMessages = [new LlmMessage("assistant", null) { ToolCalls = [new LlmToolCall { Id = "call_" + i, Name = "lookup", Arguments = "{\"step\":" + i + "}" }] }],
                PromptTokens = 1500,
                CompletionTokens = 20,
                LatencyMs = 850,
                TimeToFirstTokenMs = 300,
            });
        }

        await recorder.FlushAsync().ConfigureAwait(false);
        foreach (var service in Enumerable.Reverse(hosted))
        {
            await service.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return traceId;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LlmIngest.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("LlmIngest.sln not found above " + AppContext.BaseDirectory);
    }
}
