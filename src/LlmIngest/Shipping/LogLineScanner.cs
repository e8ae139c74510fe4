namespace LlmIngest.Shipping;

/// <summary>Finds line ends in a log file without loading it: where a cut may end, and how many whole lines a range holds.</summary>
internal static class LogLineScanner
{
    private const int BufferSize = 64 * 1024;

    /// <summary>The offset just past the last '\n' in <c>[start, limit)</c>, or <paramref name="start"/> when there is none.</summary>
    public static long LastNewlineBefore(string path, long start, long limit)
    {
        if (limit <= start)
        {
            return start;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        limit = Math.Min(limit, file.Length);
        var buffer = new byte[BufferSize];
        for (var end = limit; end > start;)
        {
            var from = Math.Max(start, end - buffer.Length);
            file.Position = from;
            file.ReadExactly(buffer, 0, (int)(end - from));
            var newline = buffer.AsSpan(0, (int)(end - from)).LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                return from + newline + 1;
            }

            end = from;
        }

        return start;
    }

    /// <summary>The whole lines in <c>[start, limit)</c> and the offset just past the last of them.</summary>
    public static (long Lines, long End) CountLines(string path, long start, long limit)
    {
        if (limit <= start)
        {
            return (0, start);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        limit = Math.Min(limit, file.Length);
        var buffer = new byte[BufferSize];
        long lines = 0, end = start;
        file.Position = start;
        for (var position = start; position < limit;)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - position));
            if (read == 0)
            {
                break;
            }

            var span = buffer.AsSpan(0, read);
            var count = span.Count((byte)'\n');
            if (count > 0)
            {
                lines += count;
                end = position + span.LastIndexOf((byte)'\n') + 1;
            }

            position += read;
        }

        return (lines, end);
    }
}
