using System.Text.Json;
using LlmIngest.Tests.Support;

namespace LlmIngest.Tests.Sampling;

public sealed class SamplingHostTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ASampledOutCall_WritesItsLineMarkedSampledOut_AndNoPayloadFile_WhileAnErrorIsStoredInFull()
    {
        await using var host = IngestTestHost.Create(o => Configure(o, SampledOutMode.IndexLineOnly));
        await host.StartAsync();
        var sampled = SampleTraces.Chat(user: "mail dana@example.com please");
        var failed = SampleTraces.Chat();
        failed.Error = "upstream 500";
        failed.ErrorType = "server_error";
        host.Recorder.Record(sampled);
        host.Recorder.Record(failed);

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        var lines = ReadLines();
        Assert.Equal(2, lines.Count);
        var line = lines.Single(l => l.GetProperty("trace_id").GetString() == sampled.TraceId);
        Assert.True(line.GetProperty("sampled_out").GetBoolean());
        Assert.False(line.GetProperty("payload_stored").GetBoolean());
        Assert.Equal(string.Empty, line.GetProperty("payload_key").GetString());
        Assert.Equal(0, line.GetProperty("payload_bytes").GetInt64());
        Assert.StartsWith("mail [EMAIL]", line.GetProperty("input_preview").GetString(), StringComparison.Ordinal);
        var kept = lines.Single(l => l.GetProperty("trace_id").GetString() == failed.TraceId);
        Assert.False(kept.TryGetProperty("sampled_out", out _));
        Assert.True(kept.GetProperty("payload_stored").GetBoolean());

        var files = Directory.GetFiles(_folder.Combine("payloads"), "*", SearchOption.AllDirectories);
        var payload = Assert.Single(files);
        Assert.Contains(failed.TraceId!, payload, StringComparison.Ordinal);
        Assert.Empty(await host.Store.ReadTraceAsync("default", sampled.TraceId!, CancellationToken.None));
        Assert.Equal(1, host.Metric("llmingest.traces.sampled_out", "rate"));
        Assert.Equal(2, host.Metric("llmingest.traces.processed", "ok"));
    }

    [Fact]
    public async Task WithSampledOutNothing_ASampledOutCallLeavesNoLineAndNoPayload_ButIsCounted()
    {
        await using var host = IngestTestHost.Create(o => Configure(o, SampledOutMode.Nothing));
        await host.StartAsync();
        var sampled = SampleTraces.Chat();
        var failed = SampleTraces.Chat();
        failed.Error = "boom";
        host.Recorder.Record(sampled);
        host.Recorder.Record(failed);

        await host.Recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        var line = Assert.Single(ReadLines());
        Assert.Equal(failed.TraceId, line.GetProperty("trace_id").GetString());
        Assert.Single(Directory.GetFiles(_folder.Combine("payloads"), "*", SearchOption.AllDirectories));
        Assert.Equal(1, host.Metric("llmingest.traces.sampled_out"));
    }

    private void Configure(LlmTraceIngestOptions options, SampledOutMode mode)
    {
        options.Log.Directory = _folder.Combine("logs");
        options.Storage.Local.Directory = _folder.Combine("payloads");
        options.Sampling.Rate = 0;
        options.Sampling.SampledOut = mode;
    }

    private List<JsonElement> ReadLines() =>
        Directory.GetFiles(_folder.Combine("logs"), "*.jsonl")
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();
}
