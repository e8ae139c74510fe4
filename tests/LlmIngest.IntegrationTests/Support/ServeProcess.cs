using System.Diagnostics;
using System.Text;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>
/// <c>llmtrace serve</c> running as a process of its own (the built CLI next to this test assembly's source tree), on a
/// free port: waits for the "listening on" line and hands out the address it printed. Disposing kills only this process.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process) => _process = process;

    /// <summary>The address printed, with <c>?token=…</c> when a token is set.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>The address without the token: scheme, host and port.</summary>
    public Uri BaseAddress => new(new Uri(Url).GetLeftPart(UriPartial.Authority).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string CliPath => Path.Combine(AppContext.BaseDirectory.Replace("tests/LlmIngest.IntegrationTests", "src/LlmIngest.Cli", StringComparison.Ordinal), "LlmIngest.Cli.dll");

    public static async Task<ServeProcess> StartAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(CliPath);
        info.ArgumentList.Add("serve");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("LLMTRACE_SERVE_TOKEN");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var serve = new ServeProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start llmtrace serve"));
        serve._process.OutputDataReceived += (_, e) => serve.Received(e.Data);
        serve._process.ErrorDataReceived += (_, e) => serve.Received(e.Data);
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        serve._process.EnableRaisingEvents = true;
        serve._process.Exited += (_, _) => serve._listening.TrySetException(new InvalidOperationException($"llmtrace serve exited with {serve._process.ExitCode}:\n{serve.Output}"));
        var url = await serve._listening.Task.WaitAsync(TimeSpan.FromMinutes(3));
        serve.Url = url;
        return serve;
    }

    /// <summary>Runs <c>llmtrace serve</c> expecting it to refuse to start; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyList<string> arguments)
    {
        var result = await ExternalCommand.RunAsync("dotnet", [CliPath, "serve", .. arguments], TimeSpan.FromMinutes(2));
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        const string Marker = "listening on ";
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            _listening.TrySetResult(line[(at + Marker.Length)..].Split(' ')[0]);
        }
    }
}
