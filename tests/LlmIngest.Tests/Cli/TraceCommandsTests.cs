using LlmIngest.Cli;
using LlmIngest.Storage;
using LlmIngest.Tests.Support;

namespace LlmIngest.Tests.Cli;

/// <summary><c>llmtrace get</c> and <c>verify</c> against the local folder store, fed by the real pipeline.</summary>
public sealed class TraceCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Get_PrintsTheConversationOfEveryStepInOrder_VerifiedAgainstTheJsonlLines()
    {
        var traceId = await RecordAsync(steps: 3);

        var result = await LlmTraceCli.RunAsync("get", traceId, "--config", await ConfigAsync(), "--log", Logs);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"trace {traceId} · tenant team-a · 3 call(s)", result.Stdout, StringComparison.Ordinal);
        var steps = new[] { "── step 0 ·", "── step 1 ·", "── step 2 ·" }.Select(s => result.Stdout.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(steps, index => Assert.True(index >= 0));
        Assert.Equal(steps.Order(), steps);
        Assert.Equal(3, CountOf(result.Stdout, "matches the JSONL line"));
        Assert.Contains("[user] question 1", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[assistant] answer 2", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("tokens 20 in / 2 out", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AcceptsTheIdInCapitalsAndAsATraceparent_AndRefusesAMalformedOneAsUsage()
    {
        var traceId = await RecordAsync(steps: 2);
        var config = await ConfigAsync();

        foreach (var form in new[] { traceId.ToUpperInvariant(), $"  traceparent: 00-{traceId.ToUpperInvariant()}-00f067aa0ba902b7-01\n" })
        {
            var result = await LlmTraceCli.RunAsync("get", form, "--config", config, "--log", Logs);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"trace {traceId} · tenant team-a · 2 call(s)", result.Stdout, StringComparison.Ordinal);
        }

        var malformed = await LlmTraceCli.RunAsync("get", $"00-{traceId}-00f067aa0ba902b-01", "--config", config, "--log", Logs);

        Assert.Equal(ExitCodes.Usage, malformed.ExitCode);
        Assert.Single(malformed.Stderr.Trim().Split('\n'));
        Assert.StartsWith("llmtrace: '00-", malformed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", malformed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ACustomIdInCapitals_IsStillFoundAsTyped()
    {
        var traceId = await RecordAsync(steps: 1, traceId: "0123456789ABCDEF0123456789ABCDEF");

        var result = await LlmTraceCli.RunAsync("get", traceId, "--config", await ConfigAsync(), "--tenant", "team-a");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"trace {traceId} · tenant team-a · 1 call(s)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Raw_PrintsEachStoredPayloadExactly_AndOutWritesTheirBytes()
    {
        var traceId = await RecordAsync(steps: 2);
        var stored = await new LocalFolderPayloadStore(new LocalStorageOptions { Directory = Payloads }).ReadTraceAsync("team-a", traceId, default);
        var outDir = _folder.Combine("out");

        var result = await LlmTraceCli.RunAsync("get", traceId, "--config", await ConfigAsync(), "--tenant", "team-a", "--raw", "--out", outDir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(stored.Select(p => System.Text.Encoding.UTF8.GetString(p.Content.Span)), result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var files = Directory.GetFiles(Path.Combine(outDir, traceId)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(stored.Select(p => p.Content.ToArray()), files.Select(File.ReadAllBytes));
    }

    [Fact]
    public async Task GetAndVerify_WhenAPayloadFileWasChanged_FailLoudlyWithExitCode4()
    {
        var traceId = await RecordAsync(steps: 2);
        var file = Directory.GetFiles(Path.Combine(Payloads, "team-a", traceId)).First();
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("answer", "ANSWER", StringComparison.Ordinal));

        var get = await LlmTraceCli.RunAsync("get", traceId, "--config", await ConfigAsync(), "--log", Logs);
        var verify = await LlmTraceCli.RunAsync("verify", traceId, "--config", await ConfigAsync());

        Assert.Equal(ExitCodes.IntegrityFailure, get.ExitCode);
        Assert.Contains("INTEGRITY FAILURE", get.Stderr, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(file), get.Stderr, StringComparison.Ordinal);
        Assert.Contains("NOT SHOWN: FAILED VERIFICATION", get.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ANSWER", get.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.IntegrityFailure, verify.ExitCode);
        Assert.Contains("FAIL", verify.Stdout, StringComparison.Ordinal);
        Assert.Contains("INTEGRITY FAILURE", verify.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenEveryPayloadMatchesItsLine_ExitsZeroListingEachStep()
    {
        var traceId = await RecordAsync(steps: 2);

        var result = await LlmTraceCli.RunAsync("verify", traceId, "--config", await ConfigAsync());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, CountOf(result.Stdout, "ok    step"));
        Assert.Contains("2 payload(s) verified against their JSONL lines", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AcceptsTheIdInTheFormsGetAccepts_AndRefusesAMalformedOneAsUsage()
    {
        var traceId = await RecordAsync(steps: 2);
        var config = await ConfigAsync();
        var forms = new[]
        {
            traceId,
            traceId.ToUpperInvariant(),
            $"  {traceId}\t",
            $"00-{traceId}-00f067aa0ba902b7-01",
            $"00-{traceId.ToUpperInvariant()}-00F067AA0BA902B7-00",
            $"  TraceParent : 00-{traceId}-00f067aa0ba902b7-01\n",
        };

        foreach (var form in forms)
        {
            var result = await LlmTraceCli.RunAsync("verify", form, "--config", config);

            Assert.True(result.ExitCode == 0, $"{form}: {result}");
            Assert.Equal(2, CountOf(result.Stdout, "ok    step"));
            Assert.Contains($"trace {traceId}: 2 payload(s) verified against their JSONL lines", result.Stderr, StringComparison.Ordinal);
        }

        foreach (var malformed in new[] { $"00-{traceId}-00f067aa0ba902b-01", $"ff-{traceId}-00f067aa0ba902b7-01", "00000000000000000000000000000000" })
        {
            var result = await LlmTraceCli.RunAsync("verify", malformed, "--config", config);

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Single(result.Stderr.Trim().Split('\n'));
            Assert.StartsWith("llmtrace: '", result.Stderr, StringComparison.Ordinal);
            Assert.Empty(result.Stdout);
        }
    }

    [Fact]
    public async Task Verify_ACustomIdInCapitals_IsStillFoundAsTyped()
    {
        var traceId = await RecordAsync(steps: 1, traceId: "0123456789ABCDEF0123456789ABCDEF");

        var result = await LlmTraceCli.RunAsync("verify", traceId, "--config", await ConfigAsync());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, CountOf(result.Stdout, "ok    step"));
        Assert.Contains($"trace {traceId}: 1 payload(s) verified", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ForAnUnknownTrace_Exits2NamingTraceTenantAndFolder()
    {
        await RecordAsync(steps: 1);

        var result = await LlmTraceCli.RunAsync("get", "0123456789abcdef0123456789abcdef", "--config", await ConfigAsync(), "--tenant", "team-a");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains($"no payloads for trace 0123456789abcdef0123456789abcdef under tenant team-a in the local folder {Payloads}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WhenTheS3EndpointIsUnreachable_Exits3NamingTheEndpoint()
    {
        var result = await LlmTraceCli.RunAsync("get", "0123456789abcdef0123456789abcdef", "--endpoint", "http://127.0.0.1:1", "--bucket", "traces-bucket", "--config", await ConfigAsync(withS3Keys: true));

        Assert.Equal(ExitCodes.StorageUnavailable, result.ExitCode);
        Assert.Contains("cannot reach S3 at http://127.0.0.1:1 (bucket traces-bucket)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_WithALocalStore_ExitsInvalidConfigurationSayingItNeedsS3()
    {
        var result = await LlmTraceCli.RunAsync("url", "0123456789abcdef0123456789abcdef", "--config", await ConfigAsync());

        Assert.Equal(ExitCodes.InvalidConfiguration, result.ExitCode);
        Assert.Contains("needs an S3 payload store", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithAMissingConfigFile_ExitsNotFoundNamingIt()
    {
        var result = await LlmTraceCli.RunAsync("get", "0123456789abcdef0123456789abcdef", "--config", _folder.Combine("missing.json"));

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("missing.json", result.Stderr, StringComparison.Ordinal);
    }

    private string Logs => _folder.Combine("logs");

    private string Payloads => _folder.Combine("payloads");

    private async Task<string> RecordAsync(int steps, string? traceId = null)
    {
        await using var host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = Logs;
            o.Storage.Kind = PayloadStoreKind.Local;
            o.Storage.Local.Directory = Payloads;
        });
        await host.StartAsync();
        for (var step = 0; step < steps; step++)
        {
            var trace = SampleTraces.Chat(traceId, step, user: $"question {step}", response: $"answer {step}");
            trace.TenantId = "team-a";
            Assert.True(host.Recorder.Record(trace));
            traceId = trace.TraceId;
        }

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();
        return traceId!;
    }

    private async Task<string> ConfigAsync(bool withS3Keys = false)
    {
        var path = _folder.Combine("appsettings.json");
        var s3 = withS3Keys ? ", \"S3\": { \"AccessKey\": \"ak\", \"SecretKey\": \"sk\", \"RequestTimeout\": \"00:00:05\" }" : string.Empty;
        await File.WriteAllTextAsync(path, $$"""
            { "LlmIngest": { "Log": { "Directory": "{{Logs}}" }, "Storage": { "Local": { "Directory": "{{Payloads}}" }{{s3}} } } }
            """);
        return path;
    }

    private static int CountOf(string text, string value) => text.Split(value).Length - 1;
}
