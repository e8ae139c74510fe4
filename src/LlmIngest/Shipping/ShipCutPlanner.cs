using LlmIngest.Diagnostics;
using LlmIngest.Sinks;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Shipping;

/// <summary>
/// Reads the sink's file set from the cursor on: chooses the next cut (whole lines the sink has written for good, at
/// most <see cref="MaxCutBytes"/>, moving the cursor past finished files), groups a cut's bytes by tenant and hour, and
/// estimates the backlog.
/// </summary>
internal sealed class ShipCutPlanner(IShippableLog log, ShipCursorStore cursors, string defaultTenant, string instance, ILogger logger)
{
    /// <summary>The most one cut reads: a backlog after a long outage ships in several cuts.</summary>
    internal const int MaxCutBytes = 32 * 1024 * 1024;

    /// <summary>The next cut after the cursor, moving the cursor on to the next file when one is finished; null when there is nothing to ship.</summary>
    public PendingCut? NextCut(ShipCursor cursor)
    {
        var names = log.Names;
        while (true)
        {
            var files = names.List();
            if (cursor.File is null)
            {
                if (files.Count == 0)
                {
                    return null;
                }

                cursor.File = Path.GetFileName(files[0]);
                cursor.Offset = 0;
            }

            var path = Path.Combine(names.Directory, cursor.File);
            var next = files.Select(Path.GetFileName).FirstOrDefault(f => Compare(names, f!, cursor.File) > 0);
            if (!File.Exists(path))
            {
                if (next is null)
                {
                    return null;
                }

                IndexShipLog.FileGone(logger, cursor.File);
                MoveTo(cursor, next);
                continue;
            }

            var (length, settled) = log.Committed(path);
            var end = LogLineScanner.LastNewlineBefore(path, cursor.Offset, Math.Min(length, cursor.Offset + MaxCutBytes));
            if (end > cursor.Offset)
            {
                return BuildCut(cursor, path, cursor.Offset, end);
            }

            // Nothing more to cut here: a finished file (a newer one exists and no batch is writing to it) is left
            // behind, a torn last line of a crashed process included (the sink cut it off when it reopened).
            if (next is null || !settled)
            {
                return null;
            }

            MoveTo(cursor, next);
        }
    }

    /// <summary>The lines of <c>[start, end)</c> of a log file, one group per tenant and UTC hour.</summary>
    public List<LineGroup> Group(string path, long start, long end)
    {
        var bytes = new byte[end - start];
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            file.Position = start;
            file.ReadExactly(bytes);
        }

        // Lines without a timestamp take the previous line's; the first of a cut takes its file's day.
        var fallback = log.Names.TryParse(Path.GetFileName(path), out var day, out _)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : DateTimeOffset.UnixEpoch;
        return IndexLineGrouper.Group(bytes, defaultTenant, fallback);
    }

    /// <summary>Whole lines (and their bytes) in the log set after the cursor, the pending cut included.</summary>
    public IndexBacklog GetBacklog()
    {
        var names = log.Names;
        var cursor = cursors.Current ?? ShipCursorStore.TryRead(names);
        long lines = 0, bytes = 0;
        try
        {
            foreach (var path in names.List())
            {
                var name = Path.GetFileName(path);
                long start = 0;
                if (cursor?.File is { } shipped)
                {
                    var order = Compare(names, name, shipped);
                    if (order < 0)
                    {
                        continue;
                    }

                    if (order == 0)
                    {
                        start = cursor.Pending is { } pending && pending.File == shipped ? pending.Start : cursor.Offset;
                    }
                }

                var (length, _) = log.Committed(path);
                var (count, end) = LogLineScanner.CountLines(path, start, length);
                lines += count;
                bytes += end - start;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file rolled away or deleted meanwhile: the figure is an estimate for the health check.
        }

        return new IndexBacklog(lines, bytes);
    }

    private void MoveTo(ShipCursor cursor, string file)
    {
        cursor.File = file;
        cursor.Offset = 0;
        cursors.Save(cursor);
    }

    private PendingCut BuildCut(ShipCursor cursor, string path, long start, long end)
    {
        var groups = Group(path, start, end);
        var segments = new List<PendingSegment>(groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            segments.Add(new PendingSegment { TenantId = groups[i].TenantId, HourUtc = groups[i].HourUtc, Sequence = cursor.NextSequence + i });
        }

        return new PendingCut { File = Path.GetFileName(path), Start = start, End = end, Instance = instance, Segments = segments };
    }

    private static int Compare(LogFileNames names, string a, string b)
    {
        _ = names.TryParse(a, out var dayA, out var sequenceA); // a name of another set sorts first: never after the cursor
        _ = names.TryParse(b, out var dayB, out var sequenceB);
        return dayA != dayB ? dayA.CompareTo(dayB) : sequenceA.CompareTo(sequenceB);
    }
}
