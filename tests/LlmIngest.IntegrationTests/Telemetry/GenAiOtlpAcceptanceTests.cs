using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.IntegrationTests.Support.Otlp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LlmIngest.IntegrationTests.Telemetry;

/// <summary>
/// Issue 16's first acceptance line, end to end: a host on the real S3 server with <c>AddLlmTraceOpenTelemetry()</c>,
/// the OpenTelemetry .NET SDK exporting both to memory and over OTLP/HTTP to a receiver the test starts, and generated
/// calls (models, usage, finish reasons, 429 failures) through a real MEAI pipeline. For every call the exported span
/// carries the GenAI convention's names and the line's values, its <c>*_ref</c> names the object a plain HTTP client
/// reads back with the line's SHA-256, and its trace id — as copied from a UI, in capitals, or as a traceparent —
/// fetches the payload with <c>llmtrace get</c>. Runs with our own span and with MEAI's <c>UseOpenTelemetry()</c>
/// outside ours (its span adopted: one span per call, not two).
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class GenAiOtlpAcceptanceTests(S3ServerFixture s3) : IDisposable
{
    private const int Calls = 12;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false, 16)]
    [InlineData(true, 17)]
    public async Task Spans_CarryTheConventionAndRefsToTheStoredObject_AndTheirTraceIdsFetchThePayload(bool meaiOutside, int seed)
    {
        await using var bucket = await s3.CreateBucketAsync("otlp-accept");
        var logs = _folder.Combine($"logs-{seed}");
        await using var receiver = await OtlpReceiver.StartAsync();
        var exported = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(LlmTraceOpenTelemetry.ActivitySourceName, "Experimental.Microsoft.Extensions.AI")
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(exported)
            .AddOtlpExporter(o => receiver.Configure(o))
            .Build()!;
        using var metering = Sdk.CreateMeterProviderBuilder()
            .AddMeter(LlmTraceOpenTelemetry.MeterName)
            .AddOtlpExporter(o => receiver.Configure(o, metrics: true))
            .Build()!;

        await using var host = IngestTestHost.Create(
            o =>
            {
                s3.ConfigureS3Storage(o.Storage, bucket.Name);
                o.Log.Directory = logs;
            },
            services => services.AddLlmTraceOpenTelemetry());
        await host.StartAsync();

        var model = new GeneratedChatModel(seed);
        var builder = new ChatClientBuilder(model).UseFunctionInvocation();
        builder = meaiOutside ? builder.UseOpenTelemetry().UseLlmTraceIngest() : builder.UseLlmTraceIngest();
        using var client = builder.Build(host.Services);

        Activity.Current = null;
        for (var i = 0; i < Calls; i++)
        {
            var options = new ChatOptions { ModelId = model.NextModel(), Temperature = 0.25f * (i % 4) };
            try
            {
                await client.GetResponseAsync([new(ChatRole.System, "You answer briefly."), new(ChatRole.User, $"question {i}")], options);
            }
            catch (HttpRequestException)
            {
                // every FailEvery-th call fails; it is traced as an error and its span says so
            }
        }

        await host.Recorder.FlushAsync().WaitAsync(Budget);
        Assert.True(tracing.ForceFlush(30_000));
        var lines = PreviewLogLine.ReadFolder(logs);
        Assert.Equal(Calls, lines.Count);
        var spans = await receiver.WaitForSpansAsync(
            got => lines.All(l => got.Any(s => s.SpanId == l.SpanId)),
            Budget,
            "one chat span per recorded line");
        var chatSpans = spans.Where(s => s.Kind == 3).ToList(); // OTLP SPAN_KIND_CLIENT
        Assert.Equal(Calls, chatSpans.Count); // one span per call, never two
        Assert.Equal(Calls, exported.Count(a => a.Kind == ActivityKind.Client));

        using var plain = SigV4Client.For(s3);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line.Text);
            var root = json.RootElement;
            var span = Assert.Single(chatSpans, s => s.SpanId == line.SpanId);
            Assert.Equal(line.TraceId, span.TraceId);
            Assert.Equal(meaiOutside ? "Experimental.Microsoft.Extensions.AI" : LlmTraceOpenTelemetry.ActivitySourceName, span.ScopeName);

            // The convention's names carrying the line's values.
            Assert.Equal("chat", span.Attribute("gen_ai.operation.name"));
            Assert.Equal(root.GetProperty("model").GetString(), span.Attribute("gen_ai.request.model"));
            Assert.StartsWith("chat " + root.GetProperty("model").GetString(), span.Name, StringComparison.Ordinal);
            Assert.Equal("generated-provider", span.Attribute("gen_ai.provider.name"));
            if (line.Error is null)
            {
                Assert.Equal(root.GetProperty("response_model").GetString(), span.Attribute("gen_ai.response.model"));
                Assert.Equal(root.GetProperty("response_id").GetString(), span.Attribute("gen_ai.response.id"));
                Assert.Equal((long)root.GetProperty("prompt_tokens").GetInt32(), span.Attribute("gen_ai.usage.input_tokens"));
                Assert.Equal((long)root.GetProperty("completion_tokens").GetInt32(), span.Attribute("gen_ai.usage.output_tokens"));
                Assert.Equal([root.GetProperty("finish_reason").GetString()], FinishReasons(span.Attribute("gen_ai.response.finish_reasons"), meaiOutside));
                Assert.NotEqual(2, span.StatusCode);
            }
            else
            {
                Assert.Equal(2, span.StatusCode);
                Assert.NotNull(span.Attribute("error.type"));
                if (!meaiOutside)
                {
                    Assert.Equal(line.ErrorType, span.Attribute("error.type"));
                }
            }

            // The span exported to memory is the same span with the same GenAI attributes.
            var inMemory = Assert.Single(exported, a => a.SpanId.ToHexString() == line.SpanId);
            foreach (var tag in inMemory.TagObjects.Where(t => t.Key.StartsWith("gen_ai.", StringComparison.Ordinal) && t.Value is string or long or int))
            {
                Assert.Equal(Convert.ToString(tag.Value, CultureInfo.InvariantCulture), Convert.ToString(span.Attribute(tag.Key), CultureInfo.InvariantCulture));
            }

            // *_ref names the stored object; a plain HTTP GET reads the payload the line's SHA-256 names.
            var reference = Assert.IsType<string>(span.Attribute("gen_ai.input.messages_ref"));
            Assert.Equal($"s3://{bucket.Name}/{line.PayloadKey}", reference);
            Assert.Equal(reference, span.Attribute("gen_ai.output.messages_ref"));
            Assert.Equal(reference, span.Attribute("gen_ai.system_instructions_ref"));
            var uri = new Uri(reference);
            using var response = await plain.GetAsync(uri.Host, uri.AbsolutePath.TrimStart('/'));
            Assert.True(response.IsSuccessStatusCode, $"GET {reference}: {(int)response.StatusCode}");
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.Content.Headers.ContentEncoding.Contains("gzip"))
            {
                body = Gzip.Decode(body);
            }

            Assert.Equal(line.PayloadSha256, Convert.ToHexStringLower(SHA256.HashData(body)));
            if (!meaiOutside)
            {
                var stored = Assert.Single(span.Events, e => e.Name == "gen_ai.content.storage.result");
                Assert.Equal("success", stored.Attributes["gen_ai.content.storage.status"]);
            }

            // No content in telemetry unless asked for.
            Assert.Null(span.Attribute("gen_ai.input.messages"));
            Assert.Null(span.Attribute("gen_ai.output.messages"));
        }

        Assert.True(metering.ForceFlush(30_000));
        await Poll.AssertUntilAsync(
            () => receiver.Metrics.Any(m => m.Name == "gen_ai.client.token.usage") && receiver.Metrics.Any(m => m.Name == "gen_ai.client.operation.duration"),
            Budget,
            "the GenAI histograms over OTLP");
        var metrics = receiver.Metrics;
        Assert.All(metrics.Where(m => m.Name.StartsWith("gen_ai.", StringComparison.Ordinal)), m => Assert.Equal(LlmTraceOpenTelemetry.MeterName, m.ScopeName));

        // The trace id copied from an OTel UI fetches the payload: as is, in capitals, and as a traceparent value.
        var config = await ConfigAsync(bucket.Name, logs);
        var picks = lines.Take(3).ToList();
        string[] forms = [picks[0].TraceId, picks[1].TraceId.ToUpperInvariant(), $"00-{picks[2].TraceId}-{picks[2].SpanId}-01"];
        for (var i = 0; i < forms.Length; i++)
        {
            var get = await LlmTraceCli.RunAsync("get", forms[i], "--config", config);
            Assert.True(get.ExitCode == 0, get.ToString());
            Assert.Contains($"trace {picks[i].TraceId}", get.Stdout, StringComparison.Ordinal);
            Assert.Contains($"span {picks[i].SpanId}", get.Stdout, StringComparison.Ordinal);
            Assert.Contains("verified: sha256 " + picks[i].PayloadSha256[..16], get.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("not verified", get.Stdout, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Our span sets the convention's string array; MEAI 10.11 writes the same list as one JSON-array string on its own
    /// span, which we adopt without rewriting what MEAI set.
    /// </summary>
    private static IEnumerable<string?> FinishReasons(object? value, bool meaiSpan) => value switch
    {
        IEnumerable<object?> array when !meaiSpan => array.Select(f => f as string),
        string text when meaiSpan => JsonSerializer.Deserialize<string[]>(text)!,
        _ => throw new Xunit.Sdk.XunitException($"gen_ai.response.finish_reasons has an unexpected shape: {value?.GetType().Name ?? "null"}"),
    };

    private Task<string> ConfigAsync(string bucket, string logs) => CliConfigFile.WriteAsync(_folder.Combine($"appsettings-{bucket}.json"), s3, bucket, logs);
}
