using Microsoft.Extensions.Logging;

namespace LlmIngest.Diagnostics;

/// <summary>Log messages of index shipping (events 200-209) and of the log directory lock (220).</summary>
internal static partial class IndexShipLog
{
    [LoggerMessage(200, LogLevel.Debug, "LlmIngest shipped index segment {Key}: {Lines} line(s), {Bytes} byte(s) gzipped.")]
    public static partial void SegmentShipped(ILogger logger, string key, int lines, long bytes);

    [LoggerMessage(201, LogLevel.Warning, "LlmIngest could not ship the index lines of {File} from byte {Start} to {End}; they stay in the local log and are shipped at the next attempt under the same key(s).")]
    public static partial void ShipFailed(ILogger logger, Exception exception, string file, long start, long end);

    [LoggerMessage(202, LogLevel.Warning, "LlmIngest found index segment {Key} already in the bucket with other lines (another process ships under the same instance name?); these lines went to {DuplicateKey}. Give each process its own LlmIngest:Log:Instance.")]
    public static partial void DuplicateSegment(ILogger logger, string key, string duplicateKey);

    [LoggerMessage(203, LogLevel.Information, "LlmIngest resumes shipping an index cut that an earlier run recorded but did not finish: {File} bytes {Start}-{End}, same key(s) as then.")]
    public static partial void ResumingCut(ILogger logger, string file, long start, long end);

    [LoggerMessage(204, LogLevel.Warning, "LlmIngest could not read the index shipping cursor {Path}; shipping starts again from the oldest log file (segments already in the bucket are not duplicated when their keys match).")]
    public static partial void CursorUnreadable(ILogger logger, Exception? exception, string path);

    [LoggerMessage(205, LogLevel.Warning, "LlmIngest stopped with {Lines} index line(s) ({Bytes} byte(s)) not shipped to {Store}; they stay in {Directory} and are shipped when the app starts again on this directory.")]
    public static partial void StoppedWithBacklog(ILogger logger, long lines, long bytes, string store, string directory);

    [LoggerMessage(206, LogLevel.Information, "LlmIngest ships the index from {Directory} to {Store} every {Interval}.")]
    public static partial void Shipping(ILogger logger, string directory, string store, TimeSpan interval);

    [LoggerMessage(207, LogLevel.Warning, "LlmIngest's index shipping cursor names {File}, which is gone (deleted by retention or by hand); shipping goes on with the next log file.")]
    public static partial void FileGone(ILogger logger, string file);

    [LoggerMessage(208, LogLevel.Error, "LlmIngest index shipping failed unexpectedly; it tries again at the next interval.")]
    public static partial void ShipLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(209, LogLevel.Information, "LlmIngest stopped index shipping: every local line went to {Store}, uploaded or, while it did not answer, into the spool with the payloads (the stop message counts what is left there).")]
    public static partial void StoppedShipped(ILogger logger, string store);

    [LoggerMessage(210, LogLevel.Information, "LlmIngest did not store the index summary {Key}: the key holds the summary of another segment (this segment went to a duplicate key and is read in full).")]
    public static partial void SummarySkipped(ILogger logger, string key);

    [LoggerMessage(220, LogLevel.Warning, "LlmIngest found another live process writing to the trace log directory {Directory} ({Writer}): this process writes its own files {FilePrefix}-*.jsonl there instead, so lines never interleave. Give each process its own LlmIngest:Log:Directory to keep one file set per directory.")]
    public static partial void DirectoryInUse(ILogger logger, string directory, string writer, string filePrefix);
}
