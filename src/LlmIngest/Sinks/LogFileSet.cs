namespace LlmIngest.Sinks;

/// <summary>
/// Which file of the set a sink writes: a new one each UTC day and whenever the current one would pass the size limit,
/// resuming after a restart at the day's last file. A file is opened for append after its torn last line (a process
/// killed mid-write) is cut off.
/// </summary>
internal sealed class LogFileSet(PreviewLogOptions options)
{
    private DateOnly _day;
    private int _sequence;

    /// <summary>True when a line of <paramref name="lineLength"/> bytes still goes to <paramref name="stream"/> today.</summary>
    public bool Fits(FileStream stream, DateOnly today, int lineLength) =>
        today == _day && (stream.Length == 0 || stream.Length + lineLength <= options.MaxFileSizeBytes);

    /// <summary>After the current file was closed: the next file of the same day, or the first of a new day.</summary>
    public void Roll(DateOnly today)
    {
        _sequence = today == _day ? _sequence + 1 : 0;
        _day = today;
    }

    /// <summary>On the first open: the last file of the day already on disk.</summary>
    public void Resume(DateOnly today, LogFileNames names)
    {
        _sequence = LastSequence(names, today);
        _day = today;
    }

    /// <summary>Opens the current file for append, or the next one when it is already full (resuming after a restart).</summary>
    public async ValueTask<FileStream> OpenAsync(LogFileNames names, int lineLength)
    {
        var path = names.PathFor(_day, _sequence);
        TryTruncate(path, CompleteLinesLength(path));
        var stream = Open(path);
        if (stream.Length > 0 && stream.Length + lineLength > options.MaxFileSizeBytes)
        {
            // Resuming after a restart into a file that is already full.
            await stream.DisposeAsync().ConfigureAwait(false);
            stream = Open(names.PathFor(_day, ++_sequence));
        }

        return stream;
    }

    /// <summary>Cuts <paramref name="path"/> back to <paramref name="length"/> when it is longer; a missing or read-only file is left alone.</summary>
    public static void TryTruncate(string path, long length)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            if (file.Length > length)
            {
                file.SetLength(length);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing or not writable: the next open reports the real problem.
        }
    }

    private static FileStream Open(string path) =>
        new(path, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 64 * 1024,
        });

    /// <summary>The length of the file up to and including its last newline: a process killed mid-write leaves a torn last line.</summary>
    private static long CompleteLinesLength(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[4096];
            for (var end = file.Length; end > 0;)
            {
                var start = Math.Max(0, end - buffer.Length);
                file.Position = start;
                file.ReadExactly(buffer, 0, (int)(end - start));
                var newline = buffer.AsSpan(0, (int)(end - start)).LastIndexOf((byte)'\n');
                if (newline >= 0)
                {
                    return start + newline + 1;
                }

                end = start;
            }

            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return long.MaxValue; // missing or unreadable: nothing to repair
        }
    }

    private static int LastSequence(LogFileNames names, DateOnly day)
    {
        var last = 0;
        while (File.Exists(names.PathFor(day, last + 1)))
        {
            last++;
        }

        return last;
    }
}
