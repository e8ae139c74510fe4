using System.Globalization;
using System.Text;
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
    private int _levelChecked;

    public DebugTracePrinter(IOptions<DebugOptions> options, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _logger = loggerFactory.CreateLogger(Category);
    }

    public bool Enabled => _options.Enabled;

    public void Print(LlmTrace trace)
    {
        if (!_options.Enabled)
        {
            return;
        }

        if (Interlocked.Exchange(ref _levelChecked, 1) == 0 && !_logger.IsEnabled(_options.Level))
        {
            // Debug mode is on but the app's log level hides its lines (typical production setting): say how to see them.
            LogHidden(_logger, _options.Level, Category);
        }

        if (!_logger.IsEnabled(_options.Level) && (trace.Error is null || !_logger.IsEnabled(LogLevel.Warning)))
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
        var failedLevel = _options.Level > LogLevel.Warning ? _options.Level : LogLevel.Warning;
        if (trace.Error is null)
        {
            LogCall(_logger, _options.Level, trace.Model ?? "?", trace.FunctionName ?? "-", latency, tokens, cost, trace.FinishReason ?? "-", trace.TraceId, trace.Step);
        }
        else
        {
            // A failed call is worth a warning whatever the configured level; its message is kept on one line.
            if (_logger.IsEnabled(failedLevel))
            {
                var error = OneLine(trace.Error, int.MaxValue);
                LogFailedCall(_logger, failedLevel, trace.Model ?? "?", trace.FunctionName ?? "-", latency, trace.ErrorType ?? "error", error, trace.TraceId, trace.Step);
            }
        }

        if (_options.Prompts && trace.Messages is { Count: > 0 } messages && _logger.IsEnabled(_options.Level))
        {
            var text = new StringBuilder();
            foreach (var message in messages)
            {
                AppendMessage(text, message, _options.MaxContentLength);
            }

            var prompt = text.ToString();
            LogPrompt(_logger, _options.Level, prompt);
        }

        if (_options.Responses && (trace.Response is not null || trace.ResponseMessages is { Count: > 0 }) && _logger.IsEnabled(_options.Level))
        {
            var text = new StringBuilder();
            if (trace.ResponseMessages is { Count: > 0 } responseMessages)
            {
                foreach (var message in responseMessages)
                {
                    AppendMessage(text, message, _options.MaxContentLength);
                }
            }
            else
            {
                text.Append(' ').Append(OneLine(trace.Response, _options.MaxContentLength));
            }

            var response = text.ToString();
            LogResponse(_logger, _options.Level, response);
        }
    }

    // Every entry stays on one line (one per call, greppable): messages are separated by " | ", line breaks shown as ⏎.
    private static void AppendMessage(StringBuilder text, LlmMessage message, int maxLength)
    {
        text.Append(text.Length == 0 ? " [" : " | [").Append(message.Role).Append("] ").Append(OneLine(message.Content, maxLength));
        foreach (var call in message.ToolCalls ?? [])
        {
            text.Append(" → ").Append(call.Name).Append('(').Append(OneLine(call.Arguments, maxLength)).Append(')');
        }
    }

    private static string OneLine(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cut = text.Length > maxLength ? string.Concat(text.AsSpan(0, Math.Max(0, maxLength)), "…") : text;
        return cut.Contains('\n', StringComparison.Ordinal) || cut.Contains('\r', StringComparison.Ordinal)
            ? cut.ReplaceLineEndings("⏎")
            : cut;
    }

    [LoggerMessage(EventId = 100, Message = "LLM {Model} {FunctionName} · {Latency} · tokens {Tokens} · ${Cost} · {FinishReason} · trace {TraceId} step {Step}")]
    private static partial void LogCall(ILogger logger, LogLevel level, string model, string functionName, string latency, string tokens, string cost, string finishReason, string? traceId, int step);

    [LoggerMessage(EventId = 101, Message = "LLM {Model} {FunctionName} · {Latency} · FAILED {ErrorType}: {Error} · trace {TraceId} step {Step}")]
    private static partial void LogFailedCall(ILogger logger, LogLevel level, string model, string functionName, string latency, string errorType, string error, string? traceId, int step);

    [LoggerMessage(EventId = 102, Message = "  prompt:{Prompt}")]
    private static partial void LogPrompt(ILogger logger, LogLevel level, string prompt);

    [LoggerMessage(EventId = 103, Message = "  response:{Response}")]
    private static partial void LogResponse(ILogger logger, LogLevel level, string response);

    [LoggerMessage(104, LogLevel.Warning, "LlmIngest debug mode is on, but the app's log level hides its per-call lines ({Level}, category {Category}). Set Logging:LogLevel:{Category} to {Level} (or LlmIngest:Debug:Level to Warning) to see them.")]
    private static partial void LogHidden(ILogger logger, LogLevel level, string category);
}
