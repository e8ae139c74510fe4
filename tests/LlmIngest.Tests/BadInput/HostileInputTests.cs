using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmIngest.Capture;
using LlmIngest.Diagnostics;
using LlmIngest.Hosting;
using LlmIngest.Storage;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LlmIngest.Tests.BadInput;

/// <summary>
/// The defects of the hostile-input run (issue 19), each as a specification through a whole host on the local store:
/// no trace lost to arithmetic or an optional stage, no silent overwrite, no unredacted field, no unsafe or oversized
/// line, rejections that name their field.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Email = "victim@example.com";
    private const string Key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Record_ACostNearDecimalMaxValue_ThenANormalCall_BothAreWritten_AndTheHugeCostIsSanitizedAsOutOfRange()
    {
        // The repro: the caller's cost pushed the session total to the edge of decimal, and the next ordinary
        // call (gpt-4o, 1,000,000 prompt tokens) threw OverflowException in the summary and got no line and no payload.
        await using var host = await StartAsync();
        Assert.True(host.Recorder.Record(new LlmTrace { Model = "custom", CostUsd = decimal.MaxValue - 1, PromptTokens = 10 }));
        Assert.True(host.Recorder.Record(new LlmTrace { Model = "gpt-4o", PromptTokens = 1_000_000, CompletionTokens = 10 }));
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var lines = RecordedLines.Read(_folder.Combine("logs"));
        Assert.Equal(2, lines.Count);
        Assert.False(lines[0].TryGetProperty("cost_usd", out _));
        Assert.Equal(["cost_usd"], lines[0].GetProperty("sanitized").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2.5001m, lines[1].GetProperty("cost_usd").GetDecimal());
        Assert.All(lines, l => Assert.True(l.GetProperty("payload_stored").GetBoolean()));
        Assert.Equal(2, host.Metric("llmingest.log.lines"));
        Assert.Equal(1, host.Metric("llmingest.traces.sanitized", SanitizeReasons.OutOfRange));
        Assert.Equal(2.5001m, host.Services.GetRequiredService<ILlmTracer>().GetSummary().CostUsd);
    }

    [Fact]
    public async Task Record_WhenPricingOverflows_TheTraceIsStillWrittenWithoutACost_AndTheStageFailureIsCounted()
    {
        await using var host = await StartAsync(o => o.Pricing["boom"] = new ModelPrice { Input = decimal.MaxValue, Output = decimal.MaxValue });
        host.Recorder.Record(new LlmTrace { Model = "boom", PromptTokens = 1_000_000, CompletionTokens = 1_000_000 });
        host.Recorder.Record(new LlmTrace { Model = "gpt-4o", PromptTokens = 1_000 });
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var lines = RecordedLines.Read(_folder.Combine("logs"));
        Assert.Equal(2, lines.Count);
        Assert.Equal("boom", lines[0].GetProperty("model").GetString());
        Assert.False(lines[0].TryGetProperty("cost_usd", out _));
        Assert.Equal(1, host.Metric("llmingest.stages.failed"));
        Assert.Equal(0, host.Metric("llmingest.traces.processed", "failed"));
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Message.Contains("stage pricing failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_TheSameIdsTwiceWithDifferentContent_KeepsTheFirstPayload_AndStoresTheSecondUnderTheKeyItsLinePointsTo()
    {
        await using var host = await StartAsync();
        host.Recorder.Record(new LlmTrace { TraceId = "t-dup", SpanId = "s-1", Response = "first" });
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        host.Recorder.Record(new LlmTrace { TraceId = "t-dup", SpanId = "s-1", Response = "second" });
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var lines = RecordedLines.Read(_folder.Combine("logs"));
        Assert.Equal(2, lines.Count);
        Assert.Equal("default/t-dup/s-1.json", lines[0].GetProperty("payload_key").GetString());
        Assert.StartsWith("default/t-dup/s-1.dup-", lines[1].GetProperty("payload_key").GetString(), StringComparison.Ordinal);
        Assert.Equal("default/t-dup/s-1.json", lines[1].GetProperty("duplicate_of").GetString());
        foreach (var line in lines)
        {
            // Every line's hash matches the bytes under the key it names.
            var bytes = await File.ReadAllBytesAsync(_folder.Combine("payloads", line.GetProperty("payload_key").GetString()!));
            Assert.Equal(line.GetProperty("payload_sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        var stored = await host.Store.ReadTraceAsync("default", "t-dup", CancellationToken.None);
        Assert.Equal(["first", "second"], stored.Select(p => p.Trace.Response).Order(StringComparer.Ordinal));
        Assert.Equal(1, host.Metric("llmingest.traces.duplicate_ids"));
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Message.Contains("trace t-dup span s-1 of tenant default", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_PiiInEveryFreeTextField_IsRedactedInTheLineThePayloadAndTheAppLog()
    {
        await using var host = await StartAsync(o => o.Redaction.PseudonymKey = Key);
        var trace = new LlmTrace
        {
            Model = $"ft:{Email}",
            ResponseModel = $"ft:{Email}",
            FunctionName = $"f-{Email}",
            RequestId = $"req {Email}",
            ResponseId = $"resp {Email}",
            SessionId = $"session {Email}",
            UserId = Email,
            Provider = $"p {Email}",
            FinishReason = $"stop {Email}",
            PromptTokens = 10,
            Error = "failed",
            ErrorSuggestions = [$"write to {Email}"],
            Messages = [new LlmMessage("user", "hi") { Name = Email }, new LlmMessage("assistant", null) { ToolCalls = [new LlmToolCall { Id = $"c {Email}", Name = $"t {Email}", Arguments = "{}" }] }],
            Tools = [new LlmToolDefinition { Name = $"t {Email}", ParametersSchema = $$"""{"default":"{{Email}}"}""" }],
            Attributes = new Dictionary<string, string> { [$"k {Email}"] = "v", ["plain"] = $"v {Email}" },
        };
        host.Recorder.Record(trace);
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var line = File.ReadAllText(Directory.GetFiles(_folder.Combine("logs"), "*.jsonl").Single());
        var payload = File.ReadAllText(Directory.GetFiles(_folder.Combine("payloads"), "*.json", SearchOption.AllDirectories).Single());
        Assert.DoesNotContain(Email, line, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, payload, StringComparison.Ordinal);
        Assert.All(host.Logs.GetSnapshot(), r => Assert.DoesNotContain(Email, r.Message, StringComparison.Ordinal));
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Message.Contains("no price for model ft:[EMAIL]", StringComparison.Ordinal));

        // The ids apps join on become keyed pseudonyms: the same on every instance that has the key.
        using var pseudonyms = new LlmIngest.Redaction.IdentifierPseudonyms(Key);
        using var document = JsonDocument.Parse(line);
        Assert.Equal(pseudonyms.Pseudonym(Email), document.RootElement.GetProperty("user_id").GetString());
        Assert.Equal(pseudonyms.Pseudonym($"session {Email}"), document.RootElement.GetProperty("session_id").GetString());
        Assert.Contains("\"k [EMAIL]\":\"v\"", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_BidiAndC1ControlsAndSeparators_AreEscapedInTheLine_AndTheTextSurvivesInThePayload()
    {
        await using var host = await StartAsync();
        const string Hostile = "a\u202Eb\u2066c\u200Fd\u061Ce\u0085f\u009Bg\u2028h";
        host.Recorder.Record(new LlmTrace { Model = Hostile, Error = Hostile, Tags = [Hostile], Messages = [new LlmMessage("user", Hostile)] });
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var raw = File.ReadAllText(Directory.GetFiles(_folder.Combine("logs"), "*.jsonl").Single(), Encoding.UTF8);
        foreach (var c in "\u202E\u2066\u200F\u061C\u0085\u009B\u2028")
        {
            Assert.DoesNotContain(c.ToString(), raw, StringComparison.Ordinal);
        }

        Assert.Contains("a\\u202Eb\\u2066c\\u200Fd\\u061Ce\\u0085f\\u009Bg\\u2028h", raw, StringComparison.Ordinal);
        var line = RecordedLines.Read(_folder.Combine("logs")).Single();
        Assert.Equal(Hostile, line.GetProperty("model").GetString());
        var stored = Assert.Single(await host.Store.ReadTraceAsync("default", line.GetProperty("trace_id").GetString()!, CancellationToken.None));
        Assert.Equal(Hostile, stored.Trace.Messages![0].Content);
    }

    [Fact]
    public async Task Record_MegabyteFields_GiveALineUnderTheCap_ThatNamesTheCutFields_WhileThePayloadKeepsTheFullText()
    {
        await using var host = await StartAsync();
        var error = new string('e', 1024 * 1024);
        var session = "s" + new string('\u0001', 100_000);
        host.Recorder.Record(new LlmTrace
        {
            Error = error,
            SessionId = session,
            Tags = [.. Enumerable.Range(0, 10_000).Select(i => "tag-" + i)],
        });
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var raw = File.ReadAllBytes(Directory.GetFiles(_folder.Combine("logs"), "*.jsonl").Single());
        Assert.InRange(raw.Length, 1, PreviewLogOptionsCap);
        var line = RecordedLines.Read(_folder.Combine("logs")).Single();
        var truncated = line.GetProperty("truncated").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("error", truncated);
        Assert.Contains("session_id", truncated);
        Assert.Contains("tags", truncated);
        Assert.StartsWith("eeee", line.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("…", line.GetProperty("error").GetString(), StringComparison.Ordinal);

        var stored = Assert.Single(await host.Store.ReadTraceAsync("default", line.GetProperty("trace_id").GetString()!, CancellationToken.None));
        Assert.Equal(error, stored.Trace.Error);
        Assert.Equal(session, stored.Trace.SessionId);
        Assert.Equal(10_000, stored.Trace.Tags!.Count);
        Assert.Equal(line.GetProperty("payload_sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(stored.Content.Span)));
    }

    [Fact]
    public async Task Record_AttributeKeysThatCollideAfterSanitizing_AreDisambiguated_NeverDuplicatedInThePayload()
    {
        await using var host = await StartAsync();
        host.Recorder.Record(new LlmTrace { Attributes = new Dictionary<string, string> { ["a\uD800"] = "1", ["a\uD801"] = "2", ["a\uFFFD"] = "3" } });
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var payload = File.ReadAllBytes(Directory.GetFiles(_folder.Combine("payloads"), "*.json", SearchOption.AllDirectories).Single());
        var reader = new Utf8JsonReader(payload);
        var names = new List<string>();
        var inAttributes = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                inAttributes = reader.ValueTextEquals("attributes");
            }
            else if (inAttributes && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2)
            {
                names.Add(reader.GetString()!);
            }
        }

        Assert.Equal(3, names.Count);
        Assert.Equal(3, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("trace_id", "invalid_trace_id")]
    [InlineData("span_id", "invalid_span_id")]
    [InlineData("tenant_id", "invalid_tenant")]
    public async Task Record_AnInvalidId_IsCountedUnderItsReasonAndField_AndTheFirstIsLoggedAtOnceWithTheValueRedacted(string field, string reason)
    {
        await using var host = await StartAsync();
        var bad = $"x {Email}/..";
        var trace = field switch
        {
            "trace_id" => new LlmTrace { TraceId = bad },
            "span_id" => new LlmTrace { SpanId = bad },
            _ => new LlmTrace { TenantId = bad },
        };

        Assert.False(host.Recorder.Record(trace));
        Assert.False(host.Recorder.Record(new LlmTrace { Step = -1 }));

        Assert.Equal(1, host.Metric("llmingest.traces.rejected", reason));
        Assert.Equal(1, host.Metric("llmingest.traces.rejected", "invalid_step"));
        Assert.Equal(2, host.Metric("llmingest.traces.dropped", "invalid"));
        var first = Assert.Single(host.Logs.GetSnapshot(), r => r.Message.StartsWith("LlmIngest rejected a trace:", StringComparison.Ordinal) && r.Message.Contains(reason, StringComparison.Ordinal));
        Assert.Contains($"field {field}", first.Message, StringComparison.Ordinal);
        Assert.Contains("x [EMAIL]/..", first.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, first.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CON")]
    [InlineData("nul")]
    [InlineData("COM1")]
    [InlineData("aux.txt")]
    [InlineData("Lpt9.json")]
    [InlineData("trailing.")]
    public async Task Record_ANameWindowsReservesOrAlters_IsRefusedAsInvalid(string id)
    {
        await using var host = await StartAsync();

        Assert.False(host.Recorder.Record(new LlmTrace { TenantId = id }));
        Assert.False(host.Recorder.Record(new LlmTrace { TraceId = id }));
        Assert.False(host.Recorder.Record(new LlmTrace { SpanId = id }));
        Assert.True(host.Recorder.Record(new LlmTrace { TraceId = "x" + id + "x" }));
    }

    [Fact]
    public async Task Record_IdsDifferingOnlyInCase_GetDistinctFiles_ThatACaseInsensitiveFileSystemKeepsApart()
    {
        await using var host = await StartAsync();
        host.Recorder.Record(new LlmTrace { TenantId = "Acme", TraceId = "Trace", SpanId = "s", Response = "upper" });
        host.Recorder.Record(new LlmTrace { TenantId = "acme", TraceId = "trace", SpanId = "s", Response = "lower" });
        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var files = Directory.GetFiles(_folder.Combine("payloads"), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_folder.Combine("payloads"), f)).ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal(2, files.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("upper", Assert.Single(await host.Store.ReadTraceAsync("Acme", "Trace", CancellationToken.None)).Trace.Response);
        Assert.Equal("lower", Assert.Single(await host.Store.ReadTraceAsync("acme", "trace", CancellationToken.None)).Trace.Response);
        Assert.Equal(0, host.Metric("llmingest.traces.duplicate_ids"));
    }

    [Fact]
    public async Task FindUser_WithTheRawValue_FindsTheCallsLoggedUnderItsPseudonym_WhenTheConfigHasTheKey_AndPrintsBidiEscaped()
    {
        await using (var host = await StartAsync(o => o.Redaction.PseudonymKey = Key))
        {
            host.Recorder.Record(new LlmTrace { UserId = Email, SessionId = "plain-session", Model = "m\u202Eodel", Messages = [new LlmMessage("user", "x\u2066y")] });
            host.Recorder.Record(new LlmTrace { UserId = "someone-else", SessionId = "plain-session" });
            await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        var config = _folder.Combine("appsettings.json");
        await File.WriteAllTextAsync(config, $$"""{ "LlmIngest": { "Redaction": { "PseudonymKey": "{{Key}}" } } }""");

        var withKey = await LlmTraceCli.RunAsync("find", "--log", _folder.Combine("logs"), "--config", config, "--user", Email, "--json");
        var table = await LlmTraceCli.RunAsync("find", "--log", _folder.Combine("logs"), "--config", config, "--user", Email);
        var withoutKey = await LlmTraceCli.RunAsync("find", "--log", _folder.Combine("logs"), "--user", Email, "--json");
        var bySession = await LlmTraceCli.RunAsync("find", "--log", _folder.Combine("logs"), "--session", "plain-session", "--json");

        Assert.Equal(0, withKey.ExitCode);
        Assert.Single(withKey.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(withoutKey.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, bySession.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("\u202E", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u2066", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("m\\u202Eodel", table.Stdout, StringComparison.Ordinal);
    }

    private const int PreviewLogOptionsCap = PreviewLogOptions.DefaultMaxLineBytes;

    private async Task<IngestTestHost> StartAsync(Action<LlmTraceIngestOptions>? configure = null)
    {
        var host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Kind = PayloadStoreKind.Local;
            o.Storage.Local.Directory = _folder.Combine("payloads");
            configure?.Invoke(o);
        });
        await host.StartAsync();
        return host;
    }
}
