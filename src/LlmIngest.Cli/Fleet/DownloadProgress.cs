using System.Diagnostics;
using System.Globalization;

namespace LlmIngest.Cli.Fleet;

/// <summary>
/// One line on stderr while the fleet index is fetched (segments and megabytes), redrawn at most four times a second,
/// safe to call from parallel downloads. Only on a terminal, like <see cref="Logs.ScanProgress"/>.
/// </summary>
internal sealed class DownloadProgress(TextWriter error, string verb)
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1;
    private bool _drawn;

    public static DownloadProgress? ForTerminal(TextWriter error, string verb) =>
        Console.IsErrorRedirected || !ReferenceEquals(error, Console.Error) ? null : new DownloadProgress(error, verb);

    public void Report(string phase, int done, int total, long bytes)
    {
        lock (_gate)
        {
            var now = _clock.ElapsedMilliseconds;
            if (_lastDraw >= 0 && now - _lastDraw < 250 && done < total)
            {
                return;
            }

            _lastDraw = now;
            _drawn = true;
            error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{verb}: {phase} {done:N0}/{total:N0} ({bytes / 1_048_576.0:0.0} MB)   "));
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                error.Write("\r" + new string(' ', 72) + "\r");
            }
        }
    }
}
