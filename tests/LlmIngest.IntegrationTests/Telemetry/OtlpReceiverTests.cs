using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.IntegrationTests.Support.Otlp;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LlmIngest.IntegrationTests.Telemetry;

/// <summary>
/// The test OTLP receiver against the real OpenTelemetry .NET SDK and its OTLP/HTTP protobuf exporter: what the SDK
/// exports from generated activities is decoded exactly — ids, names, kinds, times, every attribute type, events,
/// parent/child, trace state, status, scope and resource.
/// </summary>
public sealed class OtlpReceiverTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task OtlpReceiver_DecodesWhatTheOtelSdkExports_IdsTimesAttributesEventsAndStatusExactly(int seed)
    {
        var generated = new GeneratedTelemetry(seed);
        var sourceName = $"LlmIngest.Tests.Otlp.{seed}.{Guid.NewGuid():N}";
        var resource = generated.Attributes("resource", extra: 3);
        var serviceName = "svc-" + generated.Text(6);
        await using var receiver = await OtlpReceiver.StartAsync();
        using var source = new ActivitySource(sourceName, "1.2.3-" + seed);
        var sent = new List<(Activity Activity, string Attributes, List<(string Name, DateTimeOffset Time, string Attributes)> Events)>();

        using (var provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(serviceName).AddAttributes(resource.Select(a => new KeyValuePair<string, object>(a.Key, a.Value!))))
            .SetSampler(new AlwaysOnSampler())
            .AddSource(sourceName)
            .AddOtlpExporter(o => receiver.Configure(o))
            .Build())
        {
            Activity.Current = null;
            for (var trace = 0; trace < 6; trace++)
            {
                RecordTree(source, generated, trace, sent);
            }

            Assert.True(provider.ForceFlush(30_000));
        }

        var spans = await receiver.WaitForSpansAsync(sent.Count, Budget);

        Assert.Equal(sent.Count, spans.Count);
        var bySpanId = spans.ToDictionary(s => s.SpanId, StringComparer.Ordinal);
        foreach (var (activity, attributes, events) in sent)
        {
            var span = bySpanId[activity.SpanId.ToHexString()];
            Assert.Equal(activity.TraceId.ToHexString(), span.TraceId);
            Assert.Equal(activity.ParentSpanId == default ? string.Empty : activity.ParentSpanId.ToHexString(), span.ParentSpanId);
            Assert.Equal(activity.TraceStateString ?? string.Empty, span.TraceState);
            Assert.Equal(activity.DisplayName, span.Name);
            Assert.Equal((int)activity.Kind + 1, span.Kind);
            Assert.Equal(UnixNanos(activity.StartTimeUtc), span.StartUnixNanos);
            Assert.Equal(UnixNanos(activity.StartTimeUtc + activity.Duration), span.EndUnixNanos);
            Assert.Equal(attributes, GeneratedTelemetry.Canonical(span.Attributes));
            Assert.Equal(events.Select(e => e.Name), span.Events.Select(e => e.Name));
            Assert.Equal(events.Select(e => UnixNanos(e.Time.UtcDateTime)), span.Events.Select(e => e.TimeUnixNanos));
            Assert.Equal(events.Select(e => e.Attributes), span.Events.Select(e => GeneratedTelemetry.Canonical(e.Attributes)));
            Assert.Equal(activity.Status switch { ActivityStatusCode.Ok => 1, ActivityStatusCode.Error => 2, _ => 0 }, span.StatusCode);
            Assert.Equal(activity.Status == ActivityStatusCode.Error ? activity.StatusDescription : string.Empty, span.StatusMessage);
            Assert.Equal((uint)activity.ActivityTraceFlags, span.Flags & 0xff);
            Assert.Equal(1u, span.Flags & 1);
            Assert.Equal(sourceName, span.ScopeName);
            Assert.Equal("1.2.3-" + seed, span.ScopeVersion);
            Assert.Equal(serviceName, span.ResourceAttributes["service.name"]);
            Assert.Equal(GeneratedTelemetry.Canonical(resource), GeneratedTelemetry.Canonical(span.ResourceAttributes.Where(a => a.Key.StartsWith("resource.", StringComparison.Ordinal))));
        }

        // The tree: every child names a parent of the same trace that was exported too.
        Assert.All(spans.Where(s => s.ParentSpanId.Length > 0), s => Assert.Equal(s.TraceId, bySpanId[s.ParentSpanId].TraceId));
        Assert.Equal(6, spans.Count(s => s.ParentSpanId.Length == 0));
        Assert.Contains(spans, s => s.StatusCode == 2);
        Assert.Contains(spans, s => s.Events.Count > 0);
    }

    [Fact]
    public async Task OtlpReceiver_DecodesTheNamesOfMetricsTheOtelSdkExports()
    {
        var meterName = $"LlmIngest.Tests.Otlp.Metrics.{Guid.NewGuid():N}";
        await using var receiver = await OtlpReceiver.StartAsync();
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<long>("tests.requests", "{request}", "Requests seen.");
        var histogram = meter.CreateHistogram<double>("tests.duration", "s", "How long it took.");

        using (var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meterName)
            .AddOtlpExporter((o, _) => receiver.Configure(o, metrics: true))
            .Build())
        {
            counter.Add(3);
            histogram.Record(0.25);
            Assert.True(provider.ForceFlush(30_000));
        }

        var metrics = receiver.Metrics.Where(m => m.ScopeName == meterName).DistinctBy(m => m.Name).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [new OtlpMetric("tests.duration", "How long it took.", "s", meterName), new OtlpMetric("tests.requests", "Requests seen.", "{request}", meterName)],
            metrics);
    }

    [Fact]
    public async Task OtlpReceiver_WhenABodyIsNotOtlpProtobuf_Answers400Or415_AndEveryWaitFailsSayingWhy()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var http = new HttpClient();

        // A length-delimited field 1 claiming 100 bytes with 2 behind it: a truncated message.
        using var truncated = new ByteArrayContent([0x0a, 100, 1, 2]);
        truncated.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var json = new StringContent("{\"resourceSpans\":[]}", System.Text.Encoding.UTF8, "application/json");
        using var badResponse = await http.PostAsync(receiver.TracesEndpoint, truncated);
        using var jsonResponse = await http.PostAsync(receiver.TracesEndpoint, json);

        Assert.Equal(HttpStatusCode.BadRequest, badResponse.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, jsonResponse.StatusCode);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => receiver.WaitForSpansAsync(1, Budget));
        Assert.Contains("/v1/traces", failure.Message, StringComparison.Ordinal);
        Assert.Contains("application/json", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtlpReceiver_WhenTooFewSpansArrive_TimesOutNamingWhatCame()
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => receiver.WaitForSpansAsync(1, TimeSpan.FromMilliseconds(200)));

        Assert.Contains("0 span(s) arrived", timeout.Message, StringComparison.Ordinal);
    }

    /// <summary>A root span with children and a grandchild, each with generated attributes, some with events and an error.</summary>
    private static void RecordTree(ActivitySource source, GeneratedTelemetry generated, int trace, List<(Activity, string, List<(string, DateTimeOffset, string)>)> sent)
    {
        using var root = Start(source, generated, $"root {trace} {generated.Text(6)}", ActivityKind.Server, sent);
        root.TraceStateString = trace % 2 == 0 ? $"llmingest=t{trace},vendor=x" : null;
        var children = generated.Next(1, 4);
        for (var c = 0; c < children; c++)
        {
            using var child = Start(source, generated, $"chat {generated.Text(6)}", (ActivityKind)generated.Next(0, 5), sent);
            if (c == 0)
            {
                using var grandchild = Start(source, generated, "tool " + generated.Text(6), ActivityKind.Internal, sent);
                grandchild.SetStatus(ActivityStatusCode.Ok);
            }

            if (generated.Next(0, 3) == 0)
            {
                child.SetStatus(ActivityStatusCode.Error, "failed: " + generated.Text(8));
            }
        }
    }

    private static Activity Start(ActivitySource source, GeneratedTelemetry generated, string name, ActivityKind kind, List<(Activity, string, List<(string, DateTimeOffset, string)>)> sent)
    {
        var activity = source.StartActivity(name, kind) ?? throw new InvalidOperationException("the tracer provider did not sample the activity");
        var attributes = generated.Attributes("span", extra: generated.Next(0, 12));
        foreach (var (key, value) in attributes)
        {
            activity.SetTag(key, value);
        }

        var events = new List<(string, DateTimeOffset, string)>();
        for (var e = generated.Next(0, 4); e > 0; e--)
        {
            var eventName = generated.Name("event", e);
            var time = new DateTimeOffset(activity.StartTimeUtc).AddTicks(generated.Next(0, 1_000_000));
            var tags = generated.Attributes("event", extra: generated.Next(0, 4));
            activity.AddEvent(new ActivityEvent(eventName, time, new ActivityTagsCollection(tags)));
            events.Add((eventName, time, GeneratedTelemetry.Canonical(tags)));
        }

        sent.Add((activity, GeneratedTelemetry.Canonical(attributes), events));
        return activity;
    }

    private static ulong UnixNanos(DateTime utc) => (ulong)(utc - DateTime.UnixEpoch).Ticks * 100;
}
