using LlmIngest.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Sinks;

/// <summary>
/// Which file set a sink writes, decided on first use: its own <c>{prefix}-…</c> files when it takes the directory's
/// <see cref="LogDirectoryLock"/>, instance-named <c>{prefix}-{instance}-…</c> files (and a log message) when another
/// live process holds it. Once released, the directory is not taken again.
/// </summary>
internal sealed class LogDirectoryClaim(string directory, PreviewLogOptions options, TimeProvider time, ILogger? logger)
{
    private readonly Lock _gate = new();
    private LogFileNames? _names;
    private LogDirectoryLock? _directoryLock;
    private bool _released;

    public LogFileNames Names
    {
        get
        {
            lock (_gate)
            {
                // Once released, the directory is not taken again (the shipper's last look at the files comes after).
                return _names ??= _released ? new LogFileNames(directory, options.FilePrefix, null) : TakeDirectory();
            }
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _directoryLock?.Dispose();
            _directoryLock = null;
            _released = true;
        }
    }

    private LogFileNames TakeDirectory()
    {
        var instance = InstanceName.Resolve(options);
        _directoryLock = LogDirectoryLock.TryAcquire(directory, options.FilePrefix, instance, time.GetUtcNow(), out var holder);
        if (_directoryLock is not null)
        {
            return new LogFileNames(directory, options.FilePrefix, null);
        }

        var names = new LogFileNames(directory, options.FilePrefix, instance);
        if (logger is not null)
        {
            IndexShipLog.DirectoryInUse(logger, directory, holder, names.FilePrefix);
        }

        return names;
    }
}
