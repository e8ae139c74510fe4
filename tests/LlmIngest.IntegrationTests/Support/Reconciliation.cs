using LlmIngest.Storage;
using LlmIngest.Storage.Spool;
using Microsoft.Extensions.Logging;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>
/// The end-of-scenario accounting: every trace the app recorded is accepted or dropped with a reason; every accepted one
/// has a JSONL line or is counted as a failed line; every line's payload is in the bucket or the spool, exactly once.
/// </summary>
internal sealed record Reconciliation(long Recorded, long Accepted, long DroppedAtRecord, int Lines, long LogFailed, int InBucket, int InSpool, int NotStored)
{
    public override string ToString() =>
        $"recorded {Recorded} = accepted {Accepted} + dropped {DroppedAtRecord}; lines {Lines} + log failed {LogFailed}; bucket {InBucket} + spool {InSpool}; payload_stored:false {NotStored}";

    /// <summary>Checks the accounting of a stopped host and returns the figures.</summary>
    public static async Task<Reconciliation> AssertExactAsync(IngestTestHost host, TestBucket bucket, IEnumerable<string> logFolders, string prefix = "traces/")
    {
        var lines = logFolders.Where(Directory.Exists).SelectMany(PreviewLogLine.ReadFolder).ToList();
        var keys = await bucket.ListPayloadKeysAsync(prefix);
        var spooled = await SpooledKeysAsync(host.Options.Storage.Spool.Directory);

        var recorded = host.Metric("llmingest.traces.recorded");
        var accepted = host.Metric("llmingest.traces.accepted");
        var dropped = host.Metric("llmingest.traces.dropped") - host.Metric("llmingest.traces.dropped", "evicted");
        var logFailed = host.Metric("llmingest.log.failed");
        Assert.Equal(recorded, accepted + dropped);
        Assert.Equal(accepted, host.Metric("llmingest.traces.processed"));
        Assert.Equal(accepted, lines.Count + logFailed);
        Assert.Equal(lines.Count, host.Metric("llmingest.log.lines"));
        Assert.Equal(lines.Count, lines.Select(l => l.PayloadKey).Distinct(StringComparer.Ordinal).Count());

        // Every payload the pipeline acknowledged is in the bucket or the spool, never both, never twice.
        Assert.Empty(keys.Intersect(spooled, StringComparer.Ordinal));
        var stored = keys.Concat(spooled).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(keys.Count + spooled.Count, stored.Count);
        var notStored = lines.Count(l => !l.PayloadStored);
        Assert.Equal(notStored, host.Metric("llmingest.payloads.failed"));
        Assert.All(lines.Where(l => l.PayloadStored), l => Assert.Contains(l.PayloadKey, stored));
        Assert.Equal(accepted - notStored, stored.Count);

        // Tenant isolation: each payload sits under its own tenant's prefix.
        Assert.All(lines, l => Assert.StartsWith($"{prefix}{l.TenantId}/{l.TraceId}/", l.PayloadKey, StringComparison.Ordinal));
        return new Reconciliation(recorded, accepted, dropped, lines.Count, logFailed, keys.Count, spooled.Count, notStored);
    }

    public static async Task<List<string>> SpooledKeysAsync(string spoolDirectory)
    {
        var keys = new List<string>();
        if (!Directory.Exists(spoolDirectory))
        {
            return keys;
        }

        var spool = new PayloadSpool(new SpoolOptions { Directory = spoolDirectory }, TimeProvider.System);
        foreach (var file in spool.Snapshot())
        {
            var upload = await spool.ReadAsync(file, CancellationToken.None);
            Assert.NotNull(upload);
            if (!IndexKeys.IsUnderIndex(upload.Key))
            {
                keys.Add(upload.Key); // index segments spool too; this lists payloads
            }
        }

        return keys;
    }

    /// <summary>
    /// No secret in the JSONL lines, the payloads or any log record (message or exception); no prompt or response
    /// text (<paramref name="contentMarker"/>) in a log record above Debug.
    /// </summary>
    public static async Task AssertNoLeaksAsync(IngestTestHost host, IEnumerable<string> logFolders, IEnumerable<string> secrets, string contentMarker)
    {
        var secretList = secrets.Where(s => s.Length >= 8).Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(secretList);
        foreach (var file in logFolders.Where(Directory.Exists).SelectMany(f => Directory.GetFiles(f, "*.jsonl")))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.All(secretList, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }

        foreach (var line in logFolders.Where(Directory.Exists).SelectMany(PreviewLogLine.ReadFolder).Where(l => l.PayloadStored).Take(300))
        {
            var payload = await host.Store.ReadAsync(line.TenantId, line.TraceId, line.SpanId, CancellationToken.None);
            if (payload is null)
            {
                continue; // still spooled
            }

            var json = System.Text.Encoding.UTF8.GetString(payload.Content.Span);
            Assert.All(secretList, secret => Assert.DoesNotContain(secret, json, StringComparison.Ordinal));
        }

        foreach (var record in host.Logs.GetSnapshot())
        {
            var text = record.Message + " " + record.Exception;
            Assert.All(secretList, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
            if (record.Level > LogLevel.Debug)
            {
                Assert.DoesNotContain(contentMarker, text, StringComparison.Ordinal);
            }
        }
    }
}
