using System.Globalization;
using LlmIngest.Cli.Storage;

namespace LlmIngest.Cli.Fleet;

/// <summary>
/// The fleet index of the bucket as local files: lists the segments of the partitions a query covers, reads each one's
/// summary (cached) to skip those that cannot match, and downloads the rest (8 at a time) into the <see cref="IndexCache"/>,
/// so a second run downloads nothing. The commands then scan the files exactly as they scan local logs.
/// </summary>
internal sealed class FleetIndex(PayloadStoreConnection connection, IndexCache cache, DownloadProgress? progress)
{
    public const int DownloadConcurrency = 8;

    private int _downloaded;
    private int _summariesDownloaded;
    private long _bytes;

    /// <summary>Segments the listing returned.</summary>
    public int Listed { get; private set; }

    /// <summary>Segments read (downloaded or from the cache).</summary>
    public int Read { get; private set; }

    /// <summary>Segments ruled out by their summary.</summary>
    public int Skipped { get; private set; }

    /// <summary>Segments downloaded in this run.</summary>
    public int Downloaded => _downloaded;

    /// <summary>Summaries downloaded in this run.</summary>
    public int SummariesDownloaded => _summariesDownloaded;

    /// <summary>The tenants with an index, or an empty list when the bucket holds none.</summary>
    public Task<IReadOnlyList<string>> ListTenantsAsync(CancellationToken cancellationToken) =>
        connection.CallAsync(ct => connection.Reader.ListTenantsAsync(ct), cancellationToken);

    /// <summary>The local files of the segments <paramref name="query"/> needs, in hour, tenant, instance, sequence order.</summary>
    public async Task<List<FileInfo>> FetchAsync(FleetQuery query, CancellationToken cancellationToken)
    {
        var segments = await connection.CallAsync(ct => connection.Reader.ListIndexSegmentsAsync(query.TenantId, query.Since, query.Until, ct), cancellationToken).ConfigureAwait(false);
        Listed = segments.Count;
        var wanted = new bool[segments.Count];
        Array.Fill(wanted, true);
        if (query.UsesSummaries)
        {
            var checkedCount = 0;
            await ForEachAsync(segments.Count, async (i, ct) =>
            {
                var summary = await SummaryAsync(segments[i], ct).ConfigureAwait(false);
                wanted[i] = summary is null || query.Admits(summary);
                progress?.Report("summaries", Interlocked.Increment(ref checkedCount), segments.Count, Interlocked.Read(ref _bytes));
            }, cancellationToken).ConfigureAwait(false);
        }

        var chosen = new List<int>(segments.Count);
        for (var i = 0; i < segments.Count; i++)
        {
            if (wanted[i])
            {
                chosen.Add(i);
            }
        }

        Skipped = segments.Count - chosen.Count;
        Read = chosen.Count;
        var files = new FileInfo[chosen.Count];
        var done = 0;
        await ForEachAsync(chosen.Count, async (n, ct) =>
        {
            files[n] = await SegmentAsync(segments[chosen[n]], ct).ConfigureAwait(false);
            progress?.Report("segments", Interlocked.Increment(ref done), chosen.Count, Interlocked.Read(ref _bytes));
        }, cancellationToken).ConfigureAwait(false);
        progress?.Complete();
        return [.. files];
    }

    /// <summary>"fleet index of bucket B: 24 segment(s) listed, 3 read (1 downloaded), 21 skipped by their summary".</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"fleet index of {connection.Location}: {Listed} segment(s) listed, {Read} read ({Downloaded} downloaded, {Read - Downloaded} from the cache {cache.Root}), {Skipped} skipped by their summary; {SummariesDownloaded} summar{(SummariesDownloaded == 1 ? "y" : "ies")} downloaded.");

    private async Task<LlmTraceIndexSummary?> SummaryAsync(LlmTraceIndexSegment segment, CancellationToken cancellationToken)
    {
        var path = cache.SummaryPath(segment);
        if (!File.Exists(path))
        {
            var summary = await connection.CallAsync(ct => connection.Reader.ReadIndexSegmentSummaryAsync(segment, ct), cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _summariesDownloaded);

            // An empty file remembers "no (readable) summary": the segment is then read in full and cached, which is always correct.
            await IndexCache.WriteAsync(path, (stream, ct) => stream.WriteAsync(summary?.ToArray() ?? [], ct).AsTask(), cancellationToken).ConfigureAwait(false);
            return summary;
        }

        return LlmTraceIndexSummary.TryParse(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), out var cached) ? cached : null;
    }

    private async Task<FileInfo> SegmentAsync(LlmTraceIndexSegment segment, CancellationToken cancellationToken)
    {
        var path = cache.SegmentPath(segment);
        if (!File.Exists(path))
        {
            await connection.CallAsync(
                async ct =>
                {
                    await IndexCache.WriteAsync(path, async (target, ct2) =>
                    {
                        var source = await connection.Reader.OpenIndexSegmentAsync(segment, ct2).ConfigureAwait(false);
                        await using (source.ConfigureAwait(false))
                        {
                            await source.CopyToAsync(target, 1 << 16, ct2).ConfigureAwait(false);
                        }
                    }, ct).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _downloaded);
            Interlocked.Add(ref _bytes, segment.Size);
        }

        return new FileInfo(path);
    }

    private static Task ForEachAsync(int count, Func<int, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = DownloadConcurrency, CancellationToken = cancellationToken },
            body);
}
