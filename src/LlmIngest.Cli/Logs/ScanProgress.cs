using System.Diagnostics;
using System.Globalization;

namespace LlmIngest.Cli.Logs;

/// <summary>
/// A one-line progress indication on stderr (bytes and lines read), redrawn at most four times a second. Only shown
/// on a terminal: commands create it when stderr is not redirected, so pipes and files get clean output.
/// </summary>
internal sealed class ScanProgress(TextWriter error, string verb)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1;
    private bool _drawn;

    public static ScanProgress? ForTerminal(TextWriter error, string verb) =>
        Console.IsErrorRedirected || Console.IsOutputRedirected || !ReferenceEquals(error, Console.Error) ? null : new ScanProgress(error, verb);

    public void Report(long bytes, long totalBytes, long lines)
    {
        var now = _clock.ElapsedMilliseconds;
        if (_lastDraw >= 0 && now - _lastDraw < 250)
        {
            return;
        }

        _lastDraw = now;
        _drawn = true;
        var percent = totalBytes > 0 ? Math.Min(100, bytes * 100 / totalBytes) : 100;
        error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{verb}: {percent,3}% ({bytes / 1_048_576:N0} of {totalBytes / 1_048_576:N0} MB, {lines:N0} lines)   "));
    }

    public void Complete(long totalBytes, long lines)
    {
        if (_drawn)
        {
            error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{verb}: {lines:N0} lines, {totalBytes / 1_048_576:N0} MB in {_clock.Elapsed.TotalSeconds:0.0} s{new string(' ', 20)}\n"));
        }
    }
}
