using System.IO.Compression;
using System.Net;
using LlmIngest.IntegrationTests.Support.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>
/// An OTLP/HTTP collector started by a test: Kestrel on 127.0.0.1 with a free port, <c>POST /v1/traces</c> and
/// <c>POST /v1/metrics</c> with <c>application/x-protobuf</c> bodies (gzip accepted), decoded on arrival
/// (<see cref="OtlpTraceDecoder"/>, <see cref="OtlpMetricsDecoder"/>) and answered 200 with an empty export response.
/// A body it cannot decode is answered 400 and makes every wait fail with the reason, so a wire-format bug is never
/// mistaken for spans that did not come. Point an exporter at <see cref="TracesEndpoint"/> (the full URL: the .NET
/// OTLP exporter uses an endpoint set in code as is).
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private const string Protobuf = "application/x-protobuf";

    private readonly Lock _gate = new();
    private readonly List<OtlpSpan> _spans = [];
    private readonly List<OtlpMetric> _metrics = [];
    private readonly List<string> _failures = [];
    private WebApplication? _app;
    private TaskCompletionSource _changed = NewSignal();

    private OtlpReceiver()
    {
    }

    /// <summary>The receiver's base address, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public Uri TracesEndpoint => new(Endpoint, "v1/traces");

    public Uri MetricsEndpoint => new(Endpoint, "v1/metrics");

    /// <summary>Every span received so far, in arrival order.</summary>
    public IReadOnlyList<OtlpSpan> Spans
    {
        get
        {
            lock (_gate)
            {
                return [.. _spans];
            }
        }
    }

    /// <summary>Every metric (identity only) received so far, one entry per metric per export.</summary>
    public IReadOnlyList<OtlpMetric> Metrics
    {
        get
        {
            lock (_gate)
            {
                return [.. _metrics];
            }
        }
    }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v1/traces", context => receiver.ReceiveAsync(context, traces: true));
        app.MapPost("/v1/metrics", context => receiver.ReceiveAsync(context, traces: false));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver._app = app;
        receiver.Endpoint = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    /// <summary>
    /// Points an OpenTelemetry SDK OTLP exporter at this receiver: HTTP/protobuf, the full traces or metrics URL, and for
    /// traces a simple (synchronous) export processor so a span has arrived once it has stopped.
    /// </summary>
    public void Configure(OtlpExporterOptions options, bool metrics = false)
    {
        options.Endpoint = metrics ? MetricsEndpoint : TracesEndpoint;
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.ExportProcessorType = ExportProcessorType.Simple;
    }

    /// <summary>Waits until at least <paramref name="count"/> spans arrived; returns all received by then.</summary>
    public Task<IReadOnlyList<OtlpSpan>> WaitForSpansAsync(int count, TimeSpan timeout) =>
        WaitForSpansAsync(spans => spans.Count >= count, timeout, $"{count} span(s)");

    /// <summary>
    /// Waits until <paramref name="until"/> holds for the spans received so far (checked at each arrival); throws a
    /// <see cref="TimeoutException"/> naming <paramref name="what"/> and what did arrive, or at once when a request
    /// could not be decoded.
    /// </summary>
    public async Task<IReadOnlyList<OtlpSpan>> WaitForSpansAsync(Func<IReadOnlyList<OtlpSpan>, bool> until, TimeSpan timeout, string what = "the expected spans")
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            IReadOnlyList<OtlpSpan> spans;
            Task changed;
            lock (_gate)
            {
                if (_failures.Count > 0)
                {
                    throw new InvalidOperationException("the OTLP receiver could not decode a request: " + string.Join("; ", _failures));
                }

                spans = [.. _spans];
                changed = _changed.Task;
            }

            if (until(spans))
            {
                return spans;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var names = string.Join(", ", spans.Select(s => s.Name).Distinct().Take(20));
                throw new TimeoutException($"waited {timeout.TotalSeconds:0.#} s for {what}; {spans.Count} span(s) arrived: {names}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task ReceiveAsync(HttpContext context, bool traces)
    {
        var request = context.Request;
        if (request.ContentType is not { } type || !type.StartsWith(Protobuf, StringComparison.OrdinalIgnoreCase))
        {
            Fail($"{request.Path}: content type '{request.ContentType}', expected {Protobuf}");
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        var body = await ReadBodyAsync(request, context.RequestAborted);
        try
        {
            if (traces)
            {
                var spans = OtlpTraceDecoder.Decode(body);
                Append(() => _spans.AddRange(spans));
            }
            else
            {
                var metrics = OtlpMetricsDecoder.Decode(body);
                Append(() => _metrics.AddRange(metrics));
            }
        }
        catch (Exception e) when (e is FormatException or Google.Protobuf.InvalidProtocolBufferException)
        {
            Fail($"{request.Path}: {e.Message}");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // An empty Export{Trace,Metrics}ServiceResponse (no partial_success) is zero bytes.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = Protobuf;
        context.Response.ContentLength = 0;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        if (string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            await using var gzip = new GZipStream(request.Body, CompressionMode.Decompress);
            await gzip.CopyToAsync(buffer, cancellationToken);
        }
        else
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }

        return buffer.ToArray();
    }

    private void Fail(string reason) => Append(() => _failures.Add(reason));

    private void Append(Action change)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            change();
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
