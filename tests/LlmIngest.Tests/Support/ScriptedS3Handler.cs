using System.Net;
using Amazon.Runtime;

namespace LlmIngest.Tests.Support;

/// <summary>
/// An S3 server in a handler, under the SDK's own client: every PUT is counted (in flight, most at once, completed), may
/// be held until the test releases it, and may fail as a dropped connection does. Other requests answer 404.
/// </summary>
internal sealed class ScriptedS3Handler : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly List<TaskCompletionSource> _held = [];
    private int _inFlight;
    private int _maxInFlight;
    private int _puts;
    private int _completed;

    /// <summary>The PUTs answered 200, in order: the request path (bucket and key), its Content-Type and body length.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string Path, string? ContentType, int Length)> Stored { get; } = new();

    /// <summary>Decides per PUT (numbered from 1, in arrival order) whether it waits for <see cref="ReleaseAll"/>.</summary>
    public Func<int, bool> Hold { get; set; } = _ => false;

    /// <summary>Decides per PUT whether it fails (after any hold) as a reset connection.</summary>
    public Func<int, bool> Fail { get; set; } = _ => false;

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Puts => Volatile.Read(ref _puts);

    public int Completed => Volatile.Read(ref _completed);

    public int HeldCount
    {
        get
        {
            lock (_lock)
            {
                return _held.Count(h => !h.Task.IsCompleted);
            }
        }
    }

    public HttpClientFactory ClientFactory => new Factory(this);

    public void ReleaseAll()
    {
        lock (_lock)
        {
            foreach (var held in _held)
            {
                held.TrySetResult();
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Put)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        var number = Interlocked.Increment(ref _puts);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            if (Hold(number))
            {
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (_lock)
                {
                    _held.Add(gate);
                }

                await gate.Task.WaitAsync(cancellationToken);
            }

            if (Fail(number))
            {
                throw new HttpRequestException("connection reset (scripted)");
            }

            if (request.Content is not null)
            {
                var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
                Stored.Enqueue((Uri.UnescapeDataString(request.RequestUri!.AbsolutePath), request.Content.Headers.ContentType?.ToString(), body.Length));
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent([]) };
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue($"\"{number:x8}\"");
            Interlocked.Increment(ref _completed);
            return response;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private sealed class Factory(ScriptedS3Handler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
