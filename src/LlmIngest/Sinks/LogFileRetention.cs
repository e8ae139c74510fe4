namespace LlmIngest.Sinks;

/// <summary>Keeps only the newest <c>RetainedFileCount</c> files of a sink's own set.</summary>
internal static class LogFileRetention
{
    /// <summary>Deletes the oldest files of <paramref name="names"/>' set beyond <paramref name="retainedFileCount"/> (none when it is 0 or less), never <paramref name="current"/>.</summary>
    public static void DeleteBeyond(LogFileNames names, int retainedFileCount, string? current)
    {
        if (retainedFileCount <= 0)
        {
            return;
        }

        // Only this writer's own set, oldest first: another process's instance-named files are its business.
        var files = names.List();
        if (files.Count <= retainedFileCount)
        {
            return;
        }

        for (var i = 0; i < files.Count - retainedFileCount; i++)
        {
            if (!string.Equals(files[i], current, StringComparison.Ordinal))
            {
                File.Delete(files[i]);
            }
        }
    }
}
