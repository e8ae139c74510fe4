using System.ComponentModel;
using System.Net.Sockets;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>Tells whether a Docker engine answers here, and if not, why not (for the fixture's log and error message).</summary>
internal static class DockerEngine
{
    private const string DefaultSocket = "/var/run/docker.sock";

    public static async Task<(bool Reachable, string Reason)> ProbeAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socketExists = File.Exists(DefaultSocket);
        if (string.IsNullOrWhiteSpace(host) && !socketExists)
        {
            return (false, $"DOCKER_HOST is not set and {DefaultSocket} does not exist");
        }

        var where = string.IsNullOrWhiteSpace(host) ? DefaultSocket : $"DOCKER_HOST={host}";
        try
        {
            var info = await ExternalCommand.RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], TimeSpan.FromSeconds(20));
            return info.Succeeded
                ? (true, $"docker info answered for {where} (engine {info.StandardOutput.Trim()})")
                : (false, $"docker info failed for {where}: {info.ErrorTail(3)}");
        }
        catch (Exception e) when (e is Win32Exception or TimeoutException)
        {
            // No docker CLI: the engine may still answer on its socket, which is all Testcontainers needs.
            if (string.IsNullOrWhiteSpace(host) && socketExists && await PingSocketAsync(DefaultSocket))
            {
                return (true, $"{DefaultSocket} answered /_ping");
            }

            return (false, $"docker info could not run for {where}: {e.Message}");
        }
    }

    private static async Task<bool> PingSocketAsync(string path)
    {
        try
        {
            using var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(new Uri("http://docker/_ping"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException)
        {
            return false;
        }
    }
}
