using System.Diagnostics;
using LlmIngest.Tests.Support;
using Microsoft.Extensions.AI;

namespace LlmIngest.Tests.Telemetry;

/// <summary>
/// With MEAI's <c>UseOpenTelemetry()</c> in the same pipeline there is one chat span per model call, never two: outside
/// ours, MEAI's span is adopted (its ids are the call's) and carries the payload references; inside ours, MEAI's span
/// is the only one and a warning says which order puts the references on it.
/// </summary>
[Collection(OpenTelemetryTests.Name)]
public sealed class MeaiOpenTelemetryOrderTests
{
    [Fact]
    public async Task UseOpenTelemetryOutside_GivesOneSpanPerCall_MeaisWithOurIdsAndRefs()
    {
        await using var otel = await TelemetryHarness.StartAsync();
        var client = otel.Client(new CannedChatClient(), b => b.UseOpenTelemetry(sourceName: TelemetryHarness.MeaiSource).UseLlmTraceIngest());

        await client.GetResponseAsync([new(ChatRole.System, "be brief"), new(ChatRole.User, "one")]);
        await client.GetResponseAsync("two");
        await otel.FlushAsync();

        Assert.Empty(otel.OurChats);
        var spans = otel.Meai.ToList();
        Assert.Equal(2, spans.Count);
        var lines = otel.Lines;
        foreach (var span in spans)
        {
            var line = Assert.Single(lines, l => l.GetProperty("span_id").GetString() == span.SpanId.ToHexString());
            Assert.Equal(span.TraceId.ToHexString(), line.GetProperty("trace_id").GetString());
            var reference = Assert.IsType<string>(span.GetTagItem("gen_ai.input.messages_ref"));
            Assert.Equal(reference, span.GetTagItem("gen_ai.output.messages_ref"));
            Assert.True(File.Exists(new Uri(reference).LocalPath), reference);
            Assert.EndsWith(line.GetProperty("payload_key").GetString()!, new Uri(reference).AbsolutePath, StringComparison.Ordinal);
            Assert.DoesNotContain(span.Events, e => e.Name == "gen_ai.content.storage.result");
        }

        Assert.NotNull(spans.Single(s => s.GetTagItem("gen_ai.system_instructions_ref") is not null));
    }

    [Fact]
    public async Task UseOpenTelemetryOutside_AndASampledOutCall_GetsNoRefs()
    {
        await using var otel = await TelemetryHarness.StartAsync(o => o.Sampling.Rate = 0);
        var client = otel.Client(new CannedChatClient(), b => b.UseOpenTelemetry(sourceName: TelemetryHarness.MeaiSource).UseLlmTraceIngest());

        await client.GetResponseAsync("one");
        await otel.FlushAsync();

        var span = Assert.Single(otel.Meai);
        Assert.Null(span.GetTagItem("gen_ai.input.messages_ref"));
        Assert.Empty(otel.OurChats);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AToolLoop_WithUseOpenTelemetryBetweenFunctionInvocationAndOurs_GivesOneSpanPerModelCall_EachEnrichedOnce(bool streaming)
    {
        await using var otel = await TelemetryHarness.StartAsync();
        var model = new ToolLoopChatClient();
        var client = otel.Client(model, b => b.UseFunctionInvocation().UseOpenTelemetry(sourceName: TelemetryHarness.MeaiSource).UseLlmTraceIngest());
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => "sunny", "get_weather")] };

        if (streaming)
        {
            await client.GetStreamingResponseAsync("weather in Paris?", options).ToChatResponseAsync();
        }
        else
        {
            await client.GetResponseAsync("weather in Paris?", options);
        }

        await otel.FlushAsync();

        var calls = model.Returned.Count;
        Assert.True(calls >= 2);
        var spans = otel.Meai.Where(s => s.Kind == ActivityKind.Client).ToList();
        Assert.Equal(calls, spans.Count);
        Assert.Empty(otel.OurChats);
        Assert.Equal(calls, otel.Lines.Count);
        Assert.Equal(calls, spans.Select(s => s.GetTagItem("gen_ai.input.messages_ref")).OfType<string>().Distinct().Count());
        Assert.All(spans, s => Assert.Single(s.TagObjects, t => t.Key == "llmingest.step"));
    }

    [Fact]
    public async Task AToolLoop_WithUseOpenTelemetryOutsideFunctionInvocation_AdoptsItsSpanOnce_AndNestsTheOtherCallsSpans()
    {
        await using var otel = await TelemetryHarness.StartAsync();
        var model = new ToolLoopChatClient();
        var client = otel.Client(model, b => b.UseOpenTelemetry(sourceName: TelemetryHarness.MeaiSource).UseFunctionInvocation().UseLlmTraceIngest());

        await client.GetResponseAsync("weather in Paris?", new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => "sunny", "get_weather")] });
        await otel.FlushAsync();

        var meai = Assert.Single(otel.Meai, s => s.Kind == ActivityKind.Client);
        var ours = otel.OurChats.ToList();
        Assert.Equal(model.Returned.Count, ours.Count + 1);
        Assert.All(ours, s => Assert.Equal(meai.SpanId, s.ParentSpanId));
        var lineSpans = otel.Lines.Select(l => l.GetProperty("span_id").GetString()).ToHashSet();
        Assert.Contains(meai.SpanId.ToHexString(), lineSpans);
        Assert.All(ours, s => Assert.Contains(s.SpanId.ToHexString(), lineSpans));
    }

    [Fact]
    public async Task UseOpenTelemetryInside_GivesOnlyMeaisSpan_AndWarnsOnceAboutTheOrder()
    {
        await using var otel = await TelemetryHarness.StartAsync();
        var client = otel.Client(new CannedChatClient(), b => b.UseLlmTraceIngest().UseOpenTelemetry(sourceName: TelemetryHarness.MeaiSource));
        _ = otel.Client(new CannedChatClient(), b => b.UseLlmTraceIngest().UseOpenTelemetry(sourceName: TelemetryHarness.MeaiSource));

        await client.GetResponseAsync("one");
        await client.GetResponseAsync("two");
        await otel.FlushAsync();

        Assert.Equal(2, otel.Meai.Count());
        Assert.Empty(otel.OurChats);
        Assert.Single(otel.Host.Logs.GetSnapshot(), r => r.Id.Id == 61);
    }
}
