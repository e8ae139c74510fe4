using System.Globalization;

namespace LlmIngest.Sinks;

/// <summary>
/// One writer per log directory: <c>{dir}/.{prefix}.lock</c> held open with <see cref="FileShare.None"/> for the
/// writer's lifetime (an advisory lock on Unix that the OS releases when the process dies, even by <c>kill -9</c>), and
/// <c>{dir}/.{prefix}.writer</c> saying who holds it (pid, instance, started), for the message the next process logs.
/// </summary>
internal sealed class LogDirectoryLock : IDisposable
{
    private readonly FileStream _lock;

    private LogDirectoryLock(FileStream stream) => _lock = stream;

    /// <summary>Takes the directory, or returns null and who holds it when another live writer does.</summary>
    public static LogDirectoryLock? TryAcquire(string directory, string prefix, string instance, DateTimeOffset now, out string holder)
    {
        holder = string.Empty;
        System.IO.Directory.CreateDirectory(directory);
        var writerPath = LogFileNames.WriterPath(directory, prefix);
        FileStream stream;
        try
        {
            stream = new FileStream(LogFileNames.LockPath(directory, prefix), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            holder = ReadHolder(writerPath);
            return null;
        }

        try
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"pid={Environment.ProcessId} instance={instance} started={now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\n");
            File.WriteAllText(writerPath, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The lock is what counts; the writer file only makes the other process's message clearer.
        }

        return new LogDirectoryLock(stream);
    }

    public void Dispose() => _lock.Dispose();

    private static string ReadHolder(string writerPath)
    {
        try
        {
            return File.ReadAllText(writerPath).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "writer unknown";
        }
    }
}
