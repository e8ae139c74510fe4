using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.Storage;
using Xunit.Abstractions;

namespace LlmIngest.IntegrationTests.Hosting;

/// <summary>The whole pipeline in a real generic host, writing payloads to the real S3 server.</summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class WholeHostIntegrationTests(S3ServerFixture s3, ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly TempFolder _folder = new();
    private TestBucket? _bucket;

    private TestBucket Bucket => _bucket!;

    public async Task InitializeAsync() => _bucket = await s3.CreateBucketAsync("whole-host");

    public async Task DisposeAsync()
    {
        if (_bucket is not null)
        {
            await _bucket.DisposeAsync();
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WholeHost_Records1000TracesIntoTheBucket_AndEachReadsBackByTraceIdMatchingTheSha256InItsJsonlLine()
    {
        var operations = TrafficMix.Create(calls: 1_000, multiStepOperations: 250, seed: 1_000);
        await using var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, Bucket.Name);
            o.Log.Directory = _folder.Path;
        });
        await host.StartAsync();

        var planned = new Dictionary<(string TraceId, string SpanId), PlannedCall>();
        foreach (var operation in operations)
        {
            foreach (var call in operation)
            {
                Assert.True(host.Recorder.Record(call.Trace));

                // Record stamps the ids the library assigns; the pipeline never changes them afterwards.
                planned.Add((call.Trace.TraceId!, call.Trace.SpanId!), call);
            }
        }

        await host.Recorder.FlushAsync().WaitAsync(Budget);
        await host.StopAsync();
        Assert.Equal(1_000, host.Metric("llmingest.payloads.stored"));
        Assert.Equal(0, host.Metric("llmingest.payloads.failed"));

        var lines = PreviewLogLine.ReadFolder(_folder.Path);
        Assert.Equal(1_000, lines.Count);
        Assert.All(lines, line => Assert.True(line.PayloadStored, $"payload_stored is false for {line.PayloadKey}"));
        Assert.Equal(1_000, lines.Select(line => line.PayloadKey).Distinct(StringComparer.Ordinal).Count());
        foreach (var line in lines)
        {
            AssertLineMatchesItsCall(planned[(line.TraceId, line.SpanId)], line);
        }

        var traces = lines.GroupBy(line => (line.TenantId, line.TraceId)).ToList();
        Assert.Equal(operations.Count, traces.Count);
        Assert.Equal(operations.Count(operation => operation.Count > 1), traces.Count(trace => trace.Count() > 1));

        var store = host.Store;
        var readBack = new ConcurrentDictionary<(string TenantId, string TraceId), IReadOnlyList<StoredPayload>>();
        var readClock = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            traces,
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (trace, ct) => readBack[trace.Key] = await store.ReadTraceAsync(trace.Key.TenantId, trace.Key.TraceId, ct));
        output.WriteLine($"read back {traces.Count} traces in {readClock.Elapsed.TotalSeconds:0.00} s");

        foreach (var trace in traces)
        {
            var expected = trace.OrderBy(line => line.Step).ToList();
            var payloads = readBack[trace.Key];
            Assert.Equal(expected.Count, payloads.Count);
            for (var step = 0; step < payloads.Count; step++)
            {
                var line = expected[step];
                var payload = payloads[step];
                Assert.Equal(step, line.Step);
                Assert.Equal(step, payload.Trace.Step);
                Assert.Equal(line.SpanId, payload.Trace.SpanId);
                Assert.Equal(step == 0 ? null : payloads[step - 1].Trace.SpanId, payload.Trace.ParentSpanId);
                Assert.Equal(line.PayloadKey, payload.Key);
                Assert.Equal(line.PayloadSha256, payload.Sha256);
                Assert.Equal(line.PayloadSha256, Convert.ToHexStringLower(SHA256.HashData(payload.Content.Span)));
                Assert.Equal(line.PayloadBytes, payload.Content.Length);
                AssertPayloadIsRedactedAndIntact(planned[(line.TraceId, line.SpanId)], payload);
            }
        }

        var sample = lines.First(line => line.Step == 1);
        var head = await s3.Client.GetObjectMetadataAsync(Bucket.Name, sample.PayloadKey);
        Assert.Equal(sample.PayloadSha256, head.Metadata["sha256"]);
        Assert.Equal(sample.TraceId, head.Metadata["trace-id"]);
        Assert.Equal(sample.SpanId, head.Metadata["span-id"]);
        Assert.Equal(sample.TenantId, head.Metadata["tenant-id"]);
        Assert.Equal("1", head.Metadata["step"]);
        var contentType = MediaTypeHeaderValue.Parse(head.Headers.ContentType);
        Assert.Equal("application/json", contentType.MediaType);
        Assert.Equal("utf-8", contentType.CharSet);
        Assert.Equal("gzip", head.Headers.ContentEncoding);
        var tags = await s3.Client.GetObjectTaggingAsync(new Amazon.S3.Model.GetObjectTaggingRequest { BucketName = Bucket.Name, Key = sample.PayloadKey });
        var expectedClass = sample.ErrorType is null ? "default" : "errors";
        Assert.Contains(tags.Tagging, t => t.Key == "llmingest-retention" && t.Value == expectedClass);
    }

    private static void AssertLineMatchesItsCall(PlannedCall call, PreviewLogLine line)
    {
        Assert.Equal(call.Trace.Step, line.Step);
        Assert.Equal(call.Trace.TenantId, line.TenantId);
        Assert.Equal(call.Trace.ParentSpanId, line.ParentSpanId);
        Assert.Equal(call.Trace.ErrorType, line.ErrorType);
        foreach (var raw in call.RawPii)
        {
            Assert.DoesNotContain(raw, line.Text, StringComparison.Ordinal);
        }

        foreach (var kind in call.RedactionKinds)
        {
            Assert.True(line.Redactions.GetValueOrDefault(kind) > 0, $"no '{kind}' redaction counted in {line.Text}");
        }

        if (call.Trace.ErrorType is not null)
        {
            Assert.Contains("[EMAIL]", line.Error, StringComparison.Ordinal);
        }
    }

    private static void AssertPayloadIsRedactedAndIntact(PlannedCall call, StoredPayload payload)
    {
        // Strict decoding: the body must be valid UTF-8 as stored.
        var json = StrictUtf8.GetString(payload.Content.Span);
        foreach (var raw in call.RawPii)
        {
            Assert.DoesNotContain(raw, json, StringComparison.Ordinal);
        }

        foreach (var kind in call.RedactionKinds)
        {
            Assert.Contains(PlannedCall.Markers[kind], json, StringComparison.Ordinal);
        }

        foreach (var text in call.NonAsciiTexts)
        {
            // Written as UTF-8 bytes, not \u escapes.
            Assert.Contains(text, json, StringComparison.Ordinal);
        }

        var trace = payload.Trace;
        var user = trace.Messages!.Single(m => m.Role == "user").Content;
        if (call.RawPii.Count == 0)
        {
            Assert.Equal(call.UserMessage, user);
        }

        Assert.Equal(call.Trace.Model, trace.Model);
        Assert.Equal(call.Trace.SessionId, trace.SessionId);
        Assert.Equal(call.Trace.TenantId, trace.TenantId);
        Assert.Equal(call.Trace.ErrorType, trace.ErrorType);
        Assert.Equal(call.Trace.PromptTokens, trace.PromptTokens);
        Assert.Equal(call.Trace.CostUsd, trace.CostUsd);
    }
}
