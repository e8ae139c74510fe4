using System.Collections.Concurrent;
using System.Text.Json;

namespace LlmIngest.Cli.Storage;

/// <summary>
/// Reads every payload of a trace span by span and checks each one's SHA-256 against its JSONL line (when lines are
/// given) and the object's <c>sha256</c> metadata (S3). A payload that cannot be read, parsed or matched is kept with a
/// <see cref="FetchedPayload.Problem"/>, so one bad object never hides the others.
/// </summary>
internal static class TraceFetcher
{
    private const int ReadConcurrency = 8;

    public static async Task<List<FetchedPayload>> FetchAsync(
        PayloadStoreConnection connection,
        string tenantId,
        string traceId,
        string? spanId,
        IReadOnlyDictionary<string, LlmTraceLogLine> lines,
        CancellationToken cancellationToken)
    {
        var spans = spanId is not null
            ? [spanId]
            : await connection.CallAsync(ct => connection.Reader.ListSpanIdsAsync(tenantId, traceId, ct), cancellationToken).ConfigureAwait(false);

        var fetched = new ConcurrentBag<FetchedPayload>();
        await Parallel.ForEachAsync(
            spans,
            new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken },
            async (span, ct) =>
            {
                var item = await FetchOneAsync(connection, tenantId, traceId, span, lines.GetValueOrDefault(span), ct).ConfigureAwait(false);
                if (item is not null)
                {
                    fetched.Add(item);
                }
            }).ConfigureAwait(false);

        // A line whose payload was stored but is not in the store: the chain is broken.
        foreach (var (span, line) in lines)
        {
            if ((spanId is null || span == spanId) && line.PayloadStored && !spans.Contains(span))
            {
                fetched.Add(new FetchedPayload(span, line.PayloadKey, null, null, line, $"is in the JSONL log (payload_stored:true) but not in {connection.Location}", string.Empty));
            }
        }

        var ordered = fetched.ToList();
        ordered.Sort(static (a, b) =>
        {
            var byStep = a.Step.CompareTo(b.Step);
            if (byStep != 0)
            {
                return byStep;
            }

            var byTime = (a.Trace?.Timestamp ?? a.Line?.Timestamp ?? default).CompareTo(b.Trace?.Timestamp ?? b.Line?.Timestamp ?? default);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.SpanId, b.SpanId);
        });
        return ordered;
    }

    private static async Task<FetchedPayload?> FetchOneAsync(PayloadStoreConnection connection, string tenantId, string traceId, string spanId, LlmTraceLogLine? line, CancellationToken cancellationToken)
    {
        var key = connection.Reader.GetKey(tenantId, traceId, spanId);
        StoredPayload? payload;
        try
        {
            payload = await connection.CallAsync(ct => connection.Reader.ReadAsync(tenantId, traceId, spanId, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            // e.g. a body that claims Content-Encoding gzip and is not gzip.
            return new FetchedPayload(spanId, key, null, null, line, $"cannot be read: {e.Message}", string.Empty);
        }

        if (payload is null)
        {
            return null;
        }

        var checks = new List<string>(2);
        string? problem = null;
        if (line is not null)
        {
            if (!string.Equals(line.PayloadSha256, payload.Sha256, StringComparison.Ordinal))
            {
                problem = $"has SHA-256 {payload.Sha256} but its JSONL line says {line.PayloadSha256}";
            }
            else
            {
                checks.Add("JSONL line");
            }
        }

        if (connection.Reader.RecordsSha256)
        {
            if (payload.ExpectedSha256 is null)
            {
                problem ??= "has no sha256 metadata: LlmIngest writes one on every object, so it was replaced by another writer";
            }
            else if (!payload.IsIntact)
            {
                problem ??= $"has SHA-256 {payload.Sha256} but its object metadata says {payload.ExpectedSha256}";
            }
            else
            {
                checks.Add("object metadata");
            }
        }

        LlmTrace? trace = null;
        try
        {
            trace = payload.Trace;
            if (!string.Equals(trace.TraceId, traceId, StringComparison.Ordinal) || !string.Equals(trace.SpanId, spanId, StringComparison.Ordinal))
            {
                problem ??= $"holds trace {trace.TraceId} span {trace.SpanId}, not the ids of its key";
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            problem ??= $"is not a trace payload: {e.Message}";
        }

        return new FetchedPayload(spanId, key, payload, trace, line, problem, string.Join(" and ", checks));
    }
}
