using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LlmIngest.Sinks;

/// <summary>Resolves <see cref="PreviewLogOptions.Instance"/>: the configured name, or host name, process start and id.</summary>
internal static class InstanceName
{
    private static readonly Lazy<string> Default = new(Create);

    public static string Resolve(PreviewLogOptions options) =>
        string.IsNullOrWhiteSpace(options.Instance) ? Default.Value : options.Instance;

    private static string Create()
    {
        using var process = Process.GetCurrentProcess();
        var started = process.StartTime.ToUniversalTime();
        var host = new StringBuilder();
        foreach (var c in Environment.MachineName)
        {
            host.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        var name = host.ToString().Trim('-', '.', '_');
        if (name.Length == 0)
        {
            name = "host";
        }

        if (name.Length > 80)
        {
            name = name[..80];
        }

        return string.Create(CultureInfo.InvariantCulture, $"{name}-{started:yyyyMMdd'T'HHmmss'Z'}-{Environment.ProcessId}");
    }
}
