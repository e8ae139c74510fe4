using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>
/// Sits under the SDK's S3 client in front of the real gateway and injects faults: S3 error answers, resets, slow
/// responses, for every request or a fraction of them. Records the Authorization header values it sees, so a test can
/// prove they never reach a log or a payload.
/// </summary>
public sealed class FaultInjectingHandler : DelegatingHandler
{
    private readonly Lock _lock = new();
    private S3Fault _fault;
    private double _rate = 1;

    public FaultInjectingHandler()
        : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), AutomaticDecompression = DecompressionMethods.None })
    {
    }

    /// <summary>The wait of <see cref="S3Fault.SlowResponse"/>.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Requests answered by a fault, by fault.</summary>
    public ConcurrentDictionary<S3Fault, int> Injected { get; } = new();

    /// <summary>Every distinct Authorization header value the client sent.</summary>
    public ConcurrentDictionary<string, byte> AuthorizationValues { get; } = new(StringComparer.Ordinal);

    /// <summary>Injects <paramref name="fault"/> into <paramref name="rate"/> of the requests from now on (1 = all).</summary>
    public void Inject(S3Fault fault, double rate = 1)
    {
        lock (_lock)
        {
            _fault = fault;
            _rate = rate;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.TryGetValues("Authorization", out var values))
        {
            foreach (var value in values)
            {
                AuthorizationValues.TryAdd(value, 0);
            }
        }

        S3Fault fault;
        lock (_lock)
        {
            fault = _rate >= 1 || Random.Shared.NextDouble() < _rate ? _fault : S3Fault.None;
        }

        if (fault != S3Fault.None)
        {
            Injected.AddOrUpdate(fault, 1, (_, n) => n + 1);
        }

        switch (fault)
        {
            case S3Fault.SlowDown:
                return Error(request, HttpStatusCode.ServiceUnavailable, "SlowDown", "Please reduce your request rate.");
            case S3Fault.InternalError:
                return Error(request, HttpStatusCode.InternalServerError, "InternalError", "We encountered an internal error. Please try again.");
            case S3Fault.AccessDenied:
                return Error(request, HttpStatusCode.Forbidden, "AccessDenied", "Access Denied");
            case S3Fault.ConnectionReset:
                throw new HttpRequestException(HttpRequestError.ConnectionError, "An error occurred while sending the request.", new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset)));
            case S3Fault.SlowResponse:
                await Task.Delay(Delay, cancellationToken);
                break;
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private static HttpResponseMessage Error(HttpRequestMessage request, HttpStatusCode status, string code, string message) => new(status)
    {
        RequestMessage = request,
        Content = new StringContent(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>fault-{Guid.NewGuid():N}</RequestId></Error>",
            Encoding.UTF8,
            "application/xml"),
    };
}

/// <summary>Gives the SDK an <see cref="HttpClient"/> over a <see cref="FaultInjectingHandler"/>; registered in DI, the library's S3 client uses it.</summary>
public sealed class FaultInjectingHttpClientFactory(FaultInjectingHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        ArgumentNullException.ThrowIfNull(clientConfig);
        return new HttpClient(handler, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };
    }
}
