using System.Text;
using LlmIngest;
using LlmIngest.Demo;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;

// The demo host: an app that records traces of (fake) LLM calls through LlmIngest, on the embedded default
// (local folders under the working directory) unless an S3 bucket or endpoint is configured.
//   dotnet run --project src/LlmIngest.Demo                      records 120 calls
//   dotnet run --project src/LlmIngest.Demo -- --count 5000      records 5,000
//   dotnet run --project src/LlmIngest.Demo -- --get <trace_id>  prints every call of a trace from the payload store
//   … -- --duration 5m --pace 20 --session sess-42                 20 traces/s for 5 minutes, all in session sess-42
// SIGTERM or Ctrl+C stops the traffic, drains the pipeline (host stop) and exits 0.
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true);
builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);
builder.Services.AddSerilog((_, logger) => logger.ReadFrom.Configuration(builder.Configuration).WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));
builder.Services.AddLlmTraceIngest(builder.Configuration.GetSection(LlmTraceIngestOptions.SectionName));

// The recommended order: the function invoker outside, LlmIngest inside it, so each model call of a tool loop is
// recorded with its own usage, messages and cost (README: "Which order records what").
var seed = builder.Configuration.GetValue("seed", Environment.TickCount);
var model = new FakeChatClient(new FakeChatModel(seed));
builder.Services.AddChatClient(model).UseFunctionInvocation().UseLlmTraceIngest();

using var host = builder.Build();
var traceToGet = builder.Configuration["get"];
if (traceToGet is not null)
{
    return await PrintTraceAsync(host.Services, traceToGet, builder.Configuration["tenant"]);
}

DemoRun run;
try
{
    run = DemoRun.From(builder.Configuration);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

await host.StartAsync();

// The host's console lifetime turns SIGTERM and Ctrl+C into ApplicationStopping: end the traffic, then stop as usual.
var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
var recorder = host.Services.GetRequiredService<ILlmTraceRecorder>();
var tracer = host.Services.GetRequiredService<ILlmTracer>();
var traffic = new DemoTraffic(host.Services.GetRequiredService<IChatClient>(), tracer, new FakeChatModel(seed + 1));
await traffic.RunAsync(model, run, stopping);
await recorder.FlushAsync();
var summary = tracer.GetSummary();
await host.StopAsync();
var dropped = model.Calls - summary.Calls;

var options = host.Services.GetRequiredService<IOptions<LlmTraceIngestOptions>>().Value;
var store = host.Services.GetRequiredService<IPayloadStore>();
Console.WriteLine();
if (stopping.IsCancellationRequested)
{
    Console.WriteLine("Stopped by a signal: the traffic ended, the pipeline drained (host stop).");
}

Console.WriteLine($"Recorded {summary.Calls} LLM calls in {traffic.TraceIds.Count} traces ({dropped} dropped); {summary.Errors} failed, ${summary.CostUsd.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}.");
Console.WriteLine($"  JSONL preview log: {Path.GetFullPath(options.Log.Directory)}");
Console.WriteLine($"  Payloads:          {store.Description}");
if (traffic.TraceIds.Count > 0)
{
    var sample = traffic.TraceIds[^1];
    Console.WriteLine($"Fetch one trace by id:  dotnet run --project src/LlmIngest.Demo -- --get {sample}");
    Console.WriteLine($"Find it in the log:     grep '\"trace_id\":\"{sample}\"' {Path.GetFullPath(options.Log.Directory)}/*.jsonl");
}

return dropped == 0 ? 0 : 1;

static async Task<int> PrintTraceAsync(IServiceProvider services, string traceId, string? tenant)
{
    var options = services.GetRequiredService<IOptions<LlmTraceIngestOptions>>().Value;
    var store = services.GetRequiredService<IPayloadStore>();
    tenant ??= options.DefaultTenant;
    IReadOnlyList<StoredPayload> payloads;
    try
    {
        payloads = await store.ReadTraceAsync(tenant, traceId, CancellationToken.None);
    }
    catch (ArgumentException e)
    {
        await Console.Error.WriteLineAsync(e.Message);
        return 2;
    }

    if (payloads.Count == 0)
    {
        await Console.Error.WriteLineAsync($"No payloads for trace {traceId} under tenant {tenant} in {store.Description}.");
        return 2;
    }

    var text = new StringBuilder();
    foreach (var payload in payloads)
    {
        var t = payload.Trace;
        text.AppendLine($"── step {t.Step} · span {t.SpanId} · {t.Model} · {t.FunctionName} · {t.LatencyMs} ms · {t.TotalTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} tokens · ${t.CostUsd?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}");
        foreach (var m in t.Messages ?? [])
        {
            text.AppendLine($"  [{m.Role}] {m.Content}");
            foreach (var call in m.ToolCalls ?? [])
            {
                text.AppendLine($"      tool call {call.Name}({call.Arguments})");
            }
        }

        if (t.Error is not null)
        {
            text.AppendLine($"  ERROR ({t.ErrorType}): {t.Error}");
        }
        else
        {
            text.AppendLine($"  => [{t.FinishReason}] {t.Response}");
            foreach (var call in t.ResponseMessages?.SelectMany(m => m.ToolCalls ?? []) ?? [])
            {
                text.AppendLine($"      tool call {call.Name}({call.Arguments})");
            }
        }

        text.AppendLine($"  sha256 {payload.Sha256}  key {payload.Key}");
    }

    Console.Write(text.ToString());
    return 0;
}
