using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlmIngest.Tests.BadInput;

/// <summary>
/// Generated hostile traces (seeded, reproducible) through a whole host: each is accepted and stored safely, or
/// refused at record time and counted — never an exception, a worker failure, a file outside the store's folder,
/// or a line that is not standard JSON.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private const int Cases = 1_200;
    private const int TraceFailedEventId = 3;
    private const int WorkerLoopFailedEventId = 9;
    private const int TracesRejectedEventId = 2;

    private static readonly string?[] HostileText =
    [
        null, string.Empty, "   ", "\uD800", "x\uDC00y", "\uDC00\uD800", "\u0000\u0001\u001F\u007F", "\u2028\u2029", "\"\\\"\\",
        "日本語🚀👩‍👩‍👧", "../../etc/passwd", "a/b\\c", "%2F%2e%2e", "\u202Eevil", "\uFEFFbom", "NaN", "Infinity", "{\"json\":true}",
        new string('k', 10 * 1024), "<script>alert(1)</script>", "line1\r\nline2\n",
    ];

    private static readonly string[] HostileIds =
    [
        "../x", "..", ".", "a/b", "a%2Fb", "%2F", "日本", "a b", "a\u0000b", "\uD800", "-lead", "_lead", "a\\b", string.Empty,
        new string('a', 10 * 1024), new string('a', 129), "ok/../../x",
    ];

    private static readonly double[] HostileDoubles =
        [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1, 0, double.MaxValue, double.Epsilon, -0.0];

    private static readonly int?[] HostileInts = [null, -1, int.MinValue, 0, int.MaxValue];

    private static readonly DateTimeOffset[] HostileTimes =
    [
        default, DateTimeOffset.MinValue.AddTicks(1), DateTimeOffset.MaxValue, new(1, 1, 1, 14, 0, 0, TimeSpan.FromHours(14)),
        new(9999, 12, 31, 9, 59, 59, TimeSpan.FromHours(-14)), new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero),
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Record_1200GeneratedHostileTraces_EachIsStoredSafelyOrRefusedAndCounted_AndEveryLineIsStandardJson()
    {
        await using var host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Kind = PayloadStoreKind.Local;
            o.Storage.Local.Directory = _folder.Combine("payloads");
            o.Queue.Capacity = Cases + 10;
        });
        await host.StartAsync();

        var random = new Random(8);
        int accepted = 0, refused = 0, expectedSanitized = 0;
        for (var i = 0; i < Cases; i++)
        {
            var (trace, valid, sanitized) = Generate(random, i);
            var result = host.Recorder.Record(trace); // throws nothing, whatever the input
            Assert.True(result == valid, $"case {i}: Record returned {result}, expected {valid}");
            if (result)
            {
                accepted++;
                expectedSanitized += sanitized;
            }
            else
            {
                refused++;
            }
        }

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await host.StopAsync();

        Assert.True(accepted >= 500 && refused >= 200, $"the generator covers both outcomes: {accepted} accepted, {refused} refused");
        Assert.Equal(Cases, host.Metric("llmingest.traces.recorded"));
        Assert.Equal(accepted, host.Metric("llmingest.traces.accepted"));
        Assert.Equal(refused, host.Metric("llmingest.traces.dropped", "invalid"));
        Assert.Equal(0, host.Metric("llmingest.traces.processed", "failed"));
        Assert.Equal(accepted, host.Metric("llmingest.log.lines"));
        Assert.Equal(expectedSanitized, host.Metric("llmingest.traces.sanitized"));
        var logs = host.Logs.GetSnapshot().Where(r => r.Category?.StartsWith("LlmIngest", StringComparison.Ordinal) == true).ToList();
        var failures = logs.Where(r => r.Id.Id is TraceFailedEventId or WorkerLoopFailedEventId).Select(r => r.Category + ": " + r.Message + " " + r.Exception).Distinct().ToList();
        Assert.True(failures.Count == 0, string.Join("\n---\n", failures));
        Assert.Contains(logs, r => r.Id.Id == TracesRejectedEventId && r.Message.Contains(" is not ", StringComparison.Ordinal));

        // Every line is standard JSON (no NaN/Infinity literals, no torn lines), with numbers where numbers belong.
        var lines = File.ReadAllLines(Directory.GetFiles(_folder.Combine("logs"), "*.jsonl").Single(), Encoding.UTF8);
        Assert.Equal(accepted, lines.Length);
        var sanitizedFields = 0;
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            Assert.Equal(JsonValueKind.Number, root.GetProperty("latency_ms").ValueKind);
            Assert.True(double.IsFinite(root.GetProperty("latency_ms").GetDouble()));
            foreach (var field in new[] { "time_to_first_token_ms", "tokens_per_sec", "prompt_tokens", "completion_tokens", "total_tokens" })
            {
                if (root.TryGetProperty(field, out var value))
                {
                    Assert.Equal(JsonValueKind.Number, value.ValueKind);
                    Assert.True(value.GetDouble() >= 0 || field.EndsWith("_ms", StringComparison.Ordinal) || field == "tokens_per_sec");
                }
            }

            if (root.TryGetProperty("sanitized", out var names))
            {
                sanitizedFields += names.GetArrayLength();
            }

            var key = root.GetProperty("payload_key").GetString()!;
            Assert.StartsWith(root.GetProperty("tenant_id").GetString() + "/", key, StringComparison.Ordinal);
        }

        Assert.Equal(expectedSanitized, sanitizedFields);

        // Nothing was written outside the two folders; every payload is a JSON file of a tenant's folder.
        var payloadRoot = _folder.Combine("payloads") + Path.DirectorySeparatorChar;
        var logRoot = _folder.Combine("logs") + Path.DirectorySeparatorChar;
        var files = Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories);
        Assert.All(files, f => Assert.True(f.StartsWith(payloadRoot, StringComparison.Ordinal) || f.StartsWith(logRoot, StringComparison.Ordinal), f));
        var payloads = files.Where(f => f.StartsWith(payloadRoot, StringComparison.Ordinal)).ToList();
        Assert.Equal(accepted, payloads.Count);
        foreach (var payload in payloads)
        {
            Assert.Equal(3, Path.GetRelativePath(payloadRoot, payload).Split(Path.DirectorySeparatorChar).Length);
            using var stream = File.OpenRead(payload);
            using var document = await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = 64 });
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }
    }

    private static (LlmTrace Trace, bool Valid, int Sanitized) Generate(Random random, int i)
    {
        var valid = true;
        var trace = new LlmTrace
        {
            SessionId = Pick(random, HostileText),
            UserId = Pick(random, HostileText),
            Provider = Pick(random, HostileText),
            Model = Pick(random, HostileText),
            ResponseModel = Pick(random, HostileText),
            Operation = Pick(random, HostileText),
            FunctionName = Pick(random, HostileText),
            FinishReason = Pick(random, HostileText),
            Error = Pick(random, HostileText),
            ErrorType = Pick(random, HostileText),
            RequestId = Pick(random, HostileText),
            Response = Pick(random, HostileText),
            Timestamp = HostileTimes[random.Next(HostileTimes.Length)],
            Tags = random.Next(4) == 0 ? null : [Pick(random, HostileText)!, null!, "ok"],
            Attributes = random.Next(4) == 0 ? null : new Dictionary<string, string> { ["k"] = Pick(random, HostileText)!, ["\uD800"] = null! },
            Messages = Messages(random, i),
            ResponseMessages = random.Next(3) == 0 ? [null!, new LlmMessage(null!, Pick(random, HostileText))] : null,
            Tools = random.Next(3) == 0 ? [new LlmToolDefinition { Name = Pick(random, HostileText), ParametersSchema = Nested(random.Next(1, 5_000)) }, null!] : null,
        };

        var sanitized = 0;
        trace.LatencyMs = HostileDoubles[random.Next(HostileDoubles.Length)];
        sanitized += double.IsFinite(trace.LatencyMs) && trace.LatencyMs is >= 0 and <= LlmIngest.Processing.TraceSanitizer.MaxDurationMs ? 0 : 1;
        trace.Temperature = MaybeDouble(random, ref sanitized);
        trace.TopP = MaybeDouble(random, ref sanitized);
        trace.TimeToFirstTokenMs = MaybeDouble(random, ref sanitized, isDuration: true);
        trace.TokensPerSec = MaybeDouble(random, ref sanitized);
        trace.PromptTokens = MaybeInt(random, ref sanitized);
        trace.CompletionTokens = MaybeInt(random, ref sanitized);
        trace.TotalTokens = MaybeInt(random, ref sanitized);
        trace.CachedTokens = MaybeInt(random, ref sanitized);
        trace.ReasoningTokens = MaybeInt(random, ref sanitized);
        trace.MaxTokens = MaybeInt(random, ref sanitized);

        // Ids: absent (generated), valid and unique, or hostile (refused at record time).
        switch (random.Next(6))
        {
            case 0:
                trace.TraceId = HostileIds[random.Next(HostileIds.Length)];
                valid = false;
                break;
            case 1:
                trace.TraceId = "t-" + i.ToString(CultureInfo.InvariantCulture);
                break;
        }

        switch (random.Next(10))
        {
            case 0:
                trace.SpanId = HostileIds[random.Next(HostileIds.Length)];
                valid = false;
                break;
            case 1:
                trace.ParentSpanId = HostileIds[random.Next(HostileIds.Length)];
                valid = false;
                break;
            case 2:
                trace.TenantId = HostileIds[random.Next(HostileIds.Length)];
                valid = false;
                break;
            case 3:
                trace.TenantId = "tenant-" + (i % 3).ToString(CultureInfo.InvariantCulture);
                break;
            case 4:
                trace.Step = random.Next(2) == 0 ? -1 : int.MinValue;
                valid = false;
                break;
            case 5:
                trace.Step = int.MaxValue;
                break;
        }

        return (trace, valid, valid ? sanitized : 0);
    }

    private static List<LlmMessage>? Messages(Random random, int i)
    {
        if (i == 7)
        {
            // One 50 MB message (and its tool result) goes through the whole pipeline.
            return [new LlmMessage("user", new string('m', 50 * 1024 * 1024))];
        }

        return random.Next(5) switch
        {
            0 => null,
            1 => [],
            2 => [null!, new LlmMessage(null!, null)],
            _ =>
            [
                new LlmMessage("user", Pick(random, HostileText)) { Name = Pick(random, HostileText) },
                new LlmMessage("assistant", null)
                {
                    ToolCalls = [new LlmToolCall { Id = Pick(random, HostileText), Name = "f", Arguments = Nested(random.Next(1, 20_000)) }, null!],
                },
                new LlmMessage("tool", Pick(random, HostileText)) { ToolCallId = Pick(random, HostileText) },
            ],
        };
    }

    private static string Nested(int depth) => new string('[', depth) + "{\"a\":1}" + new string(']', depth);

    private static string? Pick(Random random, string?[] values) => values[random.Next(values.Length)];

    private static double? MaybeDouble(Random random, ref int sanitized, bool isDuration = false)
    {
        if (random.Next(3) == 0)
        {
            return null;
        }

        var value = HostileDoubles[random.Next(HostileDoubles.Length)];
        sanitized += !double.IsFinite(value) || (isDuration && value is < 0 or > LlmIngest.Processing.TraceSanitizer.MaxDurationMs) ? 1 : 0;
        return value;
    }

    private static int? MaybeInt(Random random, ref int sanitized)
    {
        var value = HostileInts[random.Next(HostileInts.Length)];
        sanitized += value is < 0 or > LlmIngest.Processing.TraceSanitizer.MaxTokenCount ? 1 : 0;
        return value;
    }
}
