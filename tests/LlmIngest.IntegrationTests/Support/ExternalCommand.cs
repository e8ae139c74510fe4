using System.ComponentModel;
using System.Diagnostics;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>Runs a command to completion with a time budget, capturing its output.</summary>
internal static class ExternalCommand
{
    /// <summary>Runs <paramref name="fileName"/>; throws <see cref="Win32Exception"/> when it cannot be started and <see cref="TimeoutException"/> when it overruns.</summary>
    public static async Task<CommandResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new Win32Exception($"could not start {fileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var budget = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(budget.Token);
        }
        catch (OperationCanceledException)
        {
            // Only the process this helper started, and its children.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds:0} s.");
        }

        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}
