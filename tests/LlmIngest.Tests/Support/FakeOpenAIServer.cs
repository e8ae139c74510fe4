using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Tests.Support;

/// <summary>
/// A local OpenAI-compatible chat completions endpoint (Kestrel on 127.0.0.1, a free port) with canned answers chosen
/// by the last user message: "rate-limit" → 429, "server-error" → 500, tools offered → a tool call, stream → SSE.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncLifetime
{
    public const string Model = "gpt-4o-mini";
    public const string ResponseModel = "gpt-4o-mini-2024-07-18";
    public const string Fingerprint = "fp_44709d6fcb";
    public const string StreamFingerprint = "fp_stream01";
    public const string Answer = "Paris is the capital of France.";
    public const string RateLimitMessage = "Rate limit reached for gpt-4o-mini in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1.";

    private WebApplication? _app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The JSON bodies of the requests received, in order.</summary>
    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    /// <summary>What the endpoint answered to each non-streamed request, by response id.</summary>
    public ConcurrentDictionary<string, SentCompletion> Sent { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every answer has usage of its own (derived from the request's number) instead of 25/7.</summary>
    public bool VaryUsage { get; set; }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address.TrimEnd('/') + "/v1");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!;
        Requests.Enqueue(body);
        var messages = body["messages"]!.AsArray();
        var lastUser = messages.LastOrDefault(m => (string?)m!["role"] == "user")?["content"]?.ToString() ?? string.Empty;
        var lastRole = (string?)messages[^1]!["role"];
        var number = Requests.Count;
        var requestId = "req_" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["x-request-id"] = requestId;

        if (lastUser.Contains("rate-limit", StringComparison.Ordinal))
        {
            await ErrorAsync(context, 429, RateLimitMessage, "requests", "rate_limit_exceeded");
            return;
        }

        if (lastUser.Contains("server-error", StringComparison.Ordinal))
        {
            await ErrorAsync(context, 500, "The server had an error while processing your request. Sorry about that!", "server_error", null);
            return;
        }

        if (body["stream"]?.GetValue<bool>() == true)
        {
            await StreamAsync(context);
            return;
        }

        JsonObject message;
        string finish;
        if (body["tools"] is JsonArray { Count: > 0 } && lastRole != "tool")
        {
            message = new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = "call_weather_1",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = """{"city":"Paris"}""" },
                }),
            };
            finish = "tool_calls";
        }
        else
        {
            message = new JsonObject { ["role"] = "assistant", ["content"] = lastRole == "tool" ? "It is sunny in Paris." : Answer };
            finish = "stop";
        }

        var (prompt, completion, cached, reasoning) = VaryUsage ? (20 + number, 3 + (number % 11), number % 5, number % 3) : (25, 7, 10, 3);
        var id = "chatcmpl-test-" + finish + "-" + messages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + (VaryUsage ? "-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
        Sent[id] = new SentCompletion(id, requestId, prompt, completion, cached, reasoning, finish, message.ToJsonString());
        var response = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = 1_763_900_000,
            ["model"] = ResponseModel,
            ["system_fingerprint"] = Fingerprint,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["logprobs"] = null, ["finish_reason"] = finish }),
            ["usage"] = Usage(prompt, completion, cached, reasoning),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    private static JsonObject Usage(int prompt, int completion, int cached, int reasoning) => new()
    {
        ["prompt_tokens"] = prompt,
        ["completion_tokens"] = completion,
        ["total_tokens"] = prompt + completion,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = cached },
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = reasoning },
    };

    private static async Task StreamAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        static JsonObject Chunk(JsonObject? delta, string? finish, JsonObject? usage = null) => new()
        {
            ["id"] = "chatcmpl-stream1",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_763_900_001,
            ["model"] = ResponseModel,
            ["system_fingerprint"] = StreamFingerprint,
            ["choices"] = delta is null ? new JsonArray() : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
            ["usage"] = usage,
        };

        var chunks = new List<JsonObject>
        {
            Chunk(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null),
            Chunk(new JsonObject { ["content"] = "Hello" }, null),
            Chunk(new JsonObject { ["content"] = ", " }, null),
            Chunk(new JsonObject { ["content"] = "world!" }, null),
            Chunk(new JsonObject(), "stop"),
            Chunk(null, null, Usage(12, 4, cached: 0, reasoning: 0)),
        };
        foreach (var chunk in chunks)
        {
            await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
            await context.Response.Body.FlushAsync();
        }

        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task ErrorAsync(HttpContext context, int status, string message, string type, string? code)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code } };
        await context.Response.WriteAsync(error.ToJsonString(new JsonSerializerOptions()));
    }
}

/// <summary>One answer of the endpoint: its ids, the usage it reported and the message it sent (as JSON).</summary>
public sealed record SentCompletion(string ResponseId, string RequestId, int Prompt, int Completion, int Cached, int Reasoning, string FinishReason, string Message);
