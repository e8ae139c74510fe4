using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using LlmIngest.IntegrationTests.Support;

namespace LlmIngest.IntegrationTests.Hosting;

/// <summary>
/// With OpenTelemetry on and the S3 store, a call's span carries <c>s3://{bucket}/{key}</c> refs that name the object
/// the payload landed in on the real S3 server, and its trace id is the one in the JSONL line and the key.
/// </summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class GenAiSpanRefIntegrationTests(S3ServerFixture s3) : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private TestBucket? _bucket;

    public async Task InitializeAsync() => _bucket = await s3.CreateBucketAsync("otel-refs");

    public async Task DisposeAsync()
    {
        if (_bucket is not null)
        {
            await _bucket.DisposeAsync();
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ASpansS3Ref_NamesTheStoredObject_AndItsTraceIdIsTheLinesAndTheKeys()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LlmTraceOpenTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = IngestTestHost.Create(o =>
        {
            s3.ConfigureS3Storage(o.Storage, _bucket!.Name);
            o.Log.Directory = _folder.Path;
            o.OpenTelemetry.Enabled = true;
        });
        await host.StartAsync();
        var tracer = (ILlmTracer)host.Services.GetService(typeof(ILlmTracer))!;

        string traceId;
        using (var call = tracer.StartCall("gpt-4o-mini", [new LlmMessage("system", "be brief"), new LlmMessage("user", "hello")]))
        {
            traceId = call.Trace.TraceId!;
            call.Complete("hi");
        }

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var span = Assert.Single(stopped, a => a.TraceId.ToHexString() == traceId);
        var line = Assert.Single(PreviewLogLine.ReadFolder(_folder.Path));
        Assert.Equal(traceId, line.TraceId);
        Assert.Equal(span.SpanId.ToHexString(), line.SpanId);
        Assert.Contains(traceId, line.PayloadKey, StringComparison.Ordinal);
        var reference = Assert.IsType<string>(span.GetTagItem("gen_ai.input.messages_ref"));
        Assert.Equal($"s3://{_bucket!.Name}/{line.PayloadKey}", reference);
        Assert.Equal(reference, span.GetTagItem("gen_ai.system_instructions_ref"));

        using var reader = SigV4Client.For(s3);
        using var head = await reader.HeadAsync(_bucket.Name, line.PayloadKey);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }
}
