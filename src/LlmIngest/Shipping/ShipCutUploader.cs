using LlmIngest.Diagnostics;
using LlmIngest.Sinks;
using LlmIngest.Storage;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Shipping;

/// <summary>
/// Ships one recorded cut: groups its bytes again, writes each group as a segment under the key recorded for it
/// (create-only; a key taken by other lines sends the segment to its duplicate key), then moves the cursor past the
/// cut. A failure is logged and counted and leaves the cut pending, to be tried again with the same keys.
/// </summary>
internal sealed class ShipCutUploader(
    IShippableLog log,
    IIndexSegmentStore store,
    ShipCursorStore cursors,
    ShipCutPlanner planner,
    IndexShipOptions options,
    IndexShipMetrics metrics,
    ILogger logger)
{
    /// <summary>True when the whole cut was shipped (or its file is gone) and the cursor moved past it.</summary>
    public async Task<bool> ShipCutAsync(ShipCursor cursor, PendingCut cut, CancellationToken cancellationToken)
    {
        var path = Path.Combine(log.Names.Directory, cut.File);
        try
        {
            if (cursors.TakeResumed())
            {
                IndexShipLog.ResumingCut(logger, cut.File, cut.Start, cut.End);
            }

            if (File.Exists(path))
            {
                var groups = planner.Group(path, cut.Start, cut.End);
                foreach (var group in groups)
                {
                    var recorded = cut.Segments.Find(s => s.TenantId == group.TenantId && s.HourUtc == group.HourUtc)
                        ?? throw new InvalidDataException($"The bytes {cut.Start}-{cut.End} of {cut.File} no longer group as when the cut was recorded.");
                    await ShipSegmentAsync(group, cut.Instance, recorded.Sequence, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                IndexShipLog.FileGone(logger, cut.File);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Failed();
            IndexShipLog.ShipFailed(logger, e, cut.File, cut.Start, cut.End);
            return false;
        }

        cursor.File = cut.File;
        cursor.Offset = cut.End;
        cursor.Pending = null;
        cursors.Save(cursor);
        return true;
    }

    /// <summary>Seals and ships one segment: gzip, SHA-256 and metadata, create-only PUT; a taken key with other lines goes to the duplicate key.</summary>
    internal async Task ShipSegmentAsync(LineGroup group, string instance, long sequence, CancellationToken cancellationToken)
    {
        var segment = IndexSegmentBuilder.Build(group, store.Prefix, instance, sequence, options.RetentionClass);
        try
        {
            await store.WriteSegmentAsync(segment, cancellationToken).ConfigureAwait(false);
        }
        catch (PayloadConflictException)
        {
            var duplicate = segment with { Key = IndexKeys.ForDuplicate(segment.Key, segment.Sha256) };
            await store.WriteSegmentAsync(duplicate, cancellationToken).ConfigureAwait(false);
            IndexShipLog.DuplicateSegment(logger, segment.Key, duplicate.Key);
            segment = duplicate;
        }

        metrics.Shipped(segment.LineCount);
        IndexShipLog.SegmentShipped(logger, segment.Key, segment.LineCount, segment.GzipBody.Length);
    }
}
