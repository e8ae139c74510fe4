using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>A throwaway MinIO server in a container, for machines with a Docker engine.</summary>
internal sealed class MinioContainer : IAsyncDisposable
{
    // Pinned, so a run is reproducible; the tag the Testcontainers MinIO module uses.
    private const string Image = "minio/minio:RELEASE.2023-01-31T02-24-19Z";
    private const int ApiPort = 9000;

    private readonly IContainer _container;

    private MinioContainer(IContainer container, S3Endpoint endpoint)
    {
        _container = container;
        Endpoint = endpoint;
    }

    public S3Endpoint Endpoint { get; }

    public static async Task<MinioContainer> StartAsync(CancellationToken cancellationToken)
    {
        const string user = "llmingest-test";
        var password = "llmingest-" + Guid.NewGuid().ToString("N");
        var container = new ContainerBuilder(Image)
            .WithCommand("server", "/data")
            .WithEnvironment("MINIO_ROOT_USER", user)
            .WithEnvironment("MINIO_ROOT_PASSWORD", password)
            .WithPortBinding(ApiPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(ApiPort).ForPath("/minio/health/live")))
            .Build();
        try
        {
            await container.StartAsync(cancellationToken);
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }

        var url = new UriBuilder(Uri.UriSchemeHttp, container.Hostname, container.GetMappedPublicPort(ApiPort)).Uri.GetLeftPart(UriPartial.Authority);
        return new MinioContainer(container, new S3Endpoint(url, user, password, "us-east-1"));
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
