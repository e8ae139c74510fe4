using System.Globalization;
using LlmIngest.Capture;

namespace LlmIngest.Storage;

/// <summary>
/// The key layout of the shipped JSONL index: <c>[{prefix}/]_index/tenant={t}/dt={yyyy-MM-dd}/hour={HH}/{instance}-{seq}.jsonl.gz</c>,
/// Hive-style partitions so Athena, Trino, Spark and DuckDB prune by tenant and time, and the CLI by listing prefixes.
/// A segment's sequence number is fixed before it is first uploaded, so a retry or a replay writes the same key
/// with the same bytes (create-only PUT): never a duplicate, never a gap.
/// </summary>
internal static class IndexKeys
{
    public const string Folder = "_index";
    public const string Extension = ".jsonl.gz";

    /// <summary>The sibling folder of <see cref="Folder"/> that holds each segment's summary, outside the tables defined on <c>_index/</c>.</summary>
    public const string SummaryFolder = "_index_ids";

    public const string SummaryExtension = ".ids";

    /// <summary>The prefix of the whole index, ending with '/'.</summary>
    public static string Root(string prefix)
    {
        var normalized = prefix.Trim('/');
        return normalized.Length == 0 ? $"{Folder}/" : $"{normalized}/{Folder}/";
    }

    /// <summary>The prefix of one tenant's index, ending with '/'.</summary>
    public static string ForTenant(string prefix, string tenantId)
    {
        ValidateTenant(tenantId);
        return $"{Root(prefix)}tenant={tenantId}/";
    }

    /// <summary>The prefix of one tenant's day, ending with '/'.</summary>
    public static string ForDay(string prefix, string tenantId, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{ForTenant(prefix, tenantId)}dt={day:yyyy-MM-dd}/");

    /// <summary>The prefix of one tenant's hour (UTC), ending with '/'.</summary>
    public static string ForHour(string prefix, string tenantId, DateTime hourUtc) =>
        string.Create(CultureInfo.InvariantCulture, $"{ForDay(prefix, tenantId, DateOnly.FromDateTime(hourUtc))}hour={hourUtc.Hour:D2}/");

    /// <summary>The key of one segment.</summary>
    public static string ForSegment(string prefix, string tenantId, DateTime hourUtc, string instance, long sequence)
    {
        if (!IsValidInstance(instance))
        {
            throw new ArgumentException($"'{instance}' is not a valid instance name: 1-128 characters of [A-Za-z0-9._-] starting with a letter or digit.", nameof(instance));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return string.Create(CultureInfo.InvariantCulture, $"{ForHour(prefix, tenantId, hourUtc)}{instance}-{sequence:D10}{Extension}");
    }

    /// <summary>Reads the partition values of a segment key; false for any other key.</summary>
    public static bool TryParse(string prefix, string key, out IndexSegmentKey segment)
    {
        segment = default;
        var root = Root(prefix);
        if (!key.StartsWith(root, StringComparison.Ordinal) || !key.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = key[root.Length..].Split('/');
        if (parts.Length != 4
            || !parts[0].StartsWith("tenant=", StringComparison.Ordinal)
            || !parts[1].StartsWith("dt=", StringComparison.Ordinal)
            || !parts[2].StartsWith("hour=", StringComparison.Ordinal))
        {
            return false;
        }

        var tenant = parts[0]["tenant=".Length..];
        if (!TraceIdentifiers.IsValid(tenant, 64)
            || !DateOnly.TryParseExact(parts[1]["dt=".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !int.TryParse(parts[2]["hour=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var hour) || hour is < 0 or > 23)
        {
            return false;
        }

        var name = parts[3][..^Extension.Length];
        var dash = name.LastIndexOf('-');
        if (dash <= 0 || !long.TryParse(name.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }

        segment = new IndexSegmentKey(tenant, day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc), name[..dash], sequence);
        return true;
    }

    /// <summary>
    /// The key a segment goes to when its own key holds a different body (another process shipped under the same
    /// instance name and sequence): <c>{instance}.dup-{sha16}-{seq}.jsonl.gz</c> in the same partition, so it still
    /// parses as a segment of that tenant and hour, and a retry of the same body lands on the same key again.
    /// </summary>
    public static string ForDuplicate(string segmentKey, string sha256)
    {
        if (!segmentKey.EndsWith(Extension, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{segmentKey}' is not an index segment key.", nameof(segmentKey));
        }

        var slash = segmentKey.LastIndexOf('/');
        var name = segmentKey[(slash + 1)..^Extension.Length];
        var dash = name.LastIndexOf('-');
        if (dash <= 0)
        {
            throw new ArgumentException($"'{segmentKey}' is not an index segment key.", nameof(segmentKey));
        }

        var sha16 = sha256[..Math.Min(16, sha256.Length)];
        return $"{segmentKey[..(slash + 1)]}{name[..dash]}.dup-{sha16}{name[dash..]}{Extension}";
    }

    /// <summary>True for a key of the index (a segment or a duplicate of one) under this prefix: not a payload.</summary>
    public static bool IsSegmentKey(string prefix, string key) => TryParse(prefix, key, out _);

    /// <summary>
    /// True for any key inside an <c>_index/</c> or <c>_index_ids/</c> folder (segments and their summaries), whatever
    /// the prefix: what a payload listing skips.
    /// </summary>
    public static bool IsUnderIndex(string key) =>
        IsUnder(key, Folder) || IsUnder(key, SummaryFolder);

    /// <summary>True for the key of a segment's summary (see <see cref="ForSummary"/>).</summary>
    public static bool IsSummaryKey(string key) =>
        IsUnder(key, SummaryFolder) && key.EndsWith(SummaryExtension, StringComparison.Ordinal);

    private static bool IsUnder(string key, string folder) =>
        key.StartsWith($"{folder}/", StringComparison.Ordinal) || key.Contains($"/{folder}/", StringComparison.Ordinal);

    /// <summary>
    /// The key of a segment's summary (<see cref="IndexSegmentSummary"/>): the same partition path under
    /// <see cref="SummaryFolder"/> with <see cref="SummaryExtension"/>, so tables on <c>_index/</c> never read it.
    /// </summary>
    public static string ForSummary(string segmentKey)
    {
        ArgumentNullException.ThrowIfNull(segmentKey);
        const string marker = Folder + "/tenant=";
        var at = segmentKey.LastIndexOf(marker, StringComparison.Ordinal);
        if ((at != 0 && (at < 0 || segmentKey[at - 1] != '/')) || !segmentKey.EndsWith(Extension, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{segmentKey}' is not an index segment key.", nameof(segmentKey));
        }

        return string.Concat(segmentKey.AsSpan(0, at), SummaryFolder, segmentKey.AsSpan(at + Folder.Length, segmentKey.Length - at - Folder.Length - Extension.Length), SummaryExtension);
    }

    /// <summary>1-128 characters of [A-Za-z0-9._-] starting with a letter or digit: safe in a key and a file name.</summary>
    public static bool IsValidInstance(string instance) => TraceIdentifiers.IsValid(instance);

    private static void ValidateTenant(string tenantId)
    {
        if (!TraceIdentifiers.IsValid(tenantId, 64))
        {
            throw new ArgumentException($"'{tenantId}' is not a valid tenant id: 1-64 characters of [A-Za-z0-9._-] starting with a letter or digit.", nameof(tenantId));
        }
    }
}
