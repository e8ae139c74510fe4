using System.Globalization;
using System.Text;
using LlmIngest.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmIngest.Diagnostics;

/// <summary>
/// Debug mode's output: called by the worker after redaction, so what it prints is what is stored. Writes through the
/// app's logger (category <c>LlmIngest.Calls</c>), so Serilog or any other provider shows it.
/// </summary>
internal sealed partial class DebugTracePrinter
{
    public const string Category = "LlmIngest.Calls";

    private readonly ILogger _logger;
    private readonly DebugOptions _options;

    public DebugTracePrinter(IOptions<LlmTraceIngestOptions> options, ILoggerFactory loggerFactory)
    {
        _options = options.Value.Debug;
        _logger = loggerFactory.CreateLogger(Category);
    }

    public bool Enabled => _options.Enabled;

    public void Print(LlmTrace trace)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var tokens = trace.PromptTokens is null && trace.CompletionTokens is null
            ? "-"
            : string.Create(CultureInfo.InvariantCulture, $"{trace.PromptTokens ?? 0} in / {trace.CompletionTokens ?? 0} out");
        if (trace.ReasoningTokens > 0 || trace.CachedTokens > 0)
        {
            tokens += string.Create(CultureInfo.InvariantCulture, $" ({trace.CachedTokens ?? 0} cached, {trace.ReasoningTokens ?? 0} reasoning)");
        }

        var cost = trace.CostUsd?.ToString("0.######", CultureInfo.InvariantCulture) ?? "?";
        var latency = trace.TimeToFirstTokenMs is { } ttft
            ? string.Create(CultureInfo.InvariantCulture, $"{trace.LatencyMs:0.#} ms (first token {ttft:0.#} ms)")
            : string.Create(CultureInfo.InvariantCulture, $"{trace.LatencyMs:0.#} ms");
        if (trace.Error is null)
        {
            LogCall(_logger, trace.Model ?? "?", trace.FunctionName ?? "-", latency, tokens, cost, trace.FinishReason ?? "-", trace.TraceId, trace.Step);
        }
        else
        {
            LogFailedCall(_logger, trace.Model ?? "?", trace.FunctionName ?? "-", latency, trace.ErrorType ?? "error", trace.Error, trace.TraceId, trace.Step);
        }

        if (_options.Prompts && trace.Messages is { Count: > 0 } messages)
        {
            var text = new StringBuilder();
            foreach (var message in messages)
            {
                AppendMessage(text, message);
            }

            LogPrompt(_logger, text.ToString());
        }

        if (_options.Responses && (trace.Response is not null || trace.ResponseMessages is { Count: > 0 }))
        {
            var text = new StringBuilder();
            if (trace.ResponseMessages is { Count: > 0 } responseMessages)
            {
                foreach (var message in responseMessages)
                {
                    AppendMessage(text, message);
                }
            }
            else
            {
                text.Append("  ").Append(trace.Response);
            }

            LogResponse(_logger, text.ToString());
        }
    }

    private static void AppendMessage(StringBuilder text, LlmMessage message)
    {
        text.Append("\n  [").Append(message.Role).Append("] ").Append(message.Content);
        foreach (var call in message.ToolCalls ?? [])
        {
            text.Append("\n      → ").Append(call.Name).Append('(').Append(call.Arguments).Append(')');
        }
    }

    [LoggerMessage(100, LogLevel.Information, "LLM {Model} {FunctionName} · {Latency} · tokens {Tokens} · ${Cost} · {FinishReason} · trace {TraceId} step {Step}")]
    private static partial void LogCall(ILogger logger, string model, string functionName, string latency, string tokens, string cost, string finishReason, string? traceId, int step);

    [LoggerMessage(101, LogLevel.Warning, "LLM {Model} {FunctionName} · {Latency} · FAILED {ErrorType}: {Error} · trace {TraceId} step {Step}")]
    private static partial void LogFailedCall(ILogger logger, string model, string functionName, string latency, string errorType, string error, string? traceId, int step);

    [LoggerMessage(102, LogLevel.Information, "  prompt:{Prompt}")]
    private static partial void LogPrompt(ILogger logger, string prompt);

    [LoggerMessage(103, LogLevel.Information, "  response:{Response}")]
    private static partial void LogResponse(ILogger logger, string response);
}
