using System.IO.Compression;
using System.Text.Json;

namespace LlmIngest.Testing;

/// <summary>
/// Writes JSONL preview-log lines of made-up calls, reproducibly from a seed, streaming (any number of lines in constant
/// memory). Each record is handed to the caller as it is written, so a test can compute the expected figures itself.
/// </summary>
internal static class SyntheticTraceLog
{
    public static readonly string[] Models = ["gpt-4o-mini", "gpt-4o", "claude-sonnet-4-6", "mistral-large"];
    public static readonly string[] Functions = ["classify_ticket", "summarize_thread", "draft_reply", "answer_question"];

    public static void Write(string path, int count, int seed, DateTimeOffset start, TimeSpan spacing, Action<LlmTraceLogLine>? onEach = null, int firstIndex = 0)
    {
        var random = new Random(seed);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = Utf8JsonTextEncoder.Instance });
        for (var i = 0; i < count; i++)
        {
            var record = Create(firstIndex + i, random, start + (spacing * (firstIndex + i)));
            JsonSerializer.Serialize(writer, record, LlmIngestJsonContext.Relaxed.LlmTraceLogLine);
            writer.Flush();
            writer.Reset();
            stream.WriteByte((byte)'\n');
            onEach?.Invoke(record);
        }
    }

    private static LlmTraceLogLine Create(int n, Random random, DateTimeOffset timestamp)
    {
        var model = Models[random.Next(Models.Length)];
        var prompt = random.Next(20, 4000);
        var completion = random.Next(0, 900);

        // A long tail, as real latencies have: most calls under a second or two, a few tens of seconds.
        var latency = Math.Round(80 + (Math.Pow(random.NextDouble(), 4) * 30_000), 1);
        var roll = random.NextDouble();
        var (error, errorType) = roll switch
        {
            < 0.03 => ("Rate limit reached for requests per min. Please try again in 120ms.", "rate_limit"),
            < 0.04 => ("The request timed out.", "timeout"),
            < 0.045 => ("Something odd happened.", (string?)null),
            _ => ((string?)null, (string?)null),
        };
        var traceId = n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        return new LlmTraceLogLine
        {
            TraceId = traceId,
            SpanId = (n * 7919L).ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
            Step = 0,
            SessionId = "sess-" + (n % 977).ToString(System.Globalization.CultureInfo.InvariantCulture),
            TenantId = n % 5 == 0 ? "acme" : "default",
            Timestamp = timestamp,
            Provider = "openai",
            Model = model,
            Operation = "chat",
            FunctionName = Functions[random.Next(Functions.Length)],
            Tags = n % 2 == 0 ? ["synthetic", "even"] : ["synthetic"],
            PromptTokens = prompt,
            CompletionTokens = completion,
            TotalTokens = prompt + completion,
            LatencyMs = latency,
            CostUsd = n % 50 == 7 ? null : Math.Round((prompt * 0.00000015m) + (completion * 0.0000006m), 8),
            FinishReason = error is null ? "stop" : "error",
            Error = error,
            ErrorType = errorType,
            InputPreview = "Hi, I need help with my latest order number " + n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            OutputPreview = error is null ? "Thanks for reaching out; a colleague will contact you." : null,
            PayloadKey = $"traces/default/{traceId}/{n:x16}.json",
            PayloadSha256 = "0000000000000000000000000000000000000000000000000000000000000000",
            PayloadBytes = 1200,
            PayloadStored = true,
        };
    }
}
