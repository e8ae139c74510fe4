using System.Globalization;
using System.IO.Compression;
using System.Text;
using DuckDB.NET.Data;
using LlmIngest.Storage;

namespace LlmIngest.Tests.Infra;

/// <summary>
/// infra/query/duckdb.sql on a partitioned index tree built from lines the library itself wrote: a real host records
/// traffic of two tenants over three hours (across midnight), its log lines are gzipped into segments at the keys
/// <see cref="IndexKeys"/> gives, and DuckDB (no extensions, local disk) must read every line back, in its partitions.
/// </summary>
public sealed class DuckDbIndexQueryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);
    private static readonly string[] Tenants = ["acme", "globex"];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task DuckDbSql_OnTheShippedTree_ReturnsEveryLine_InItsTenantAndHour_WithTheLinesTotals()
    {
        var (connection, lines) = await OpenIndexAsync();
        using var _ = connection;

        // Every line, once.
        Assert.Equal(lines.Count, Scalar<long>(connection, "SELECT count(*) FROM traces"));
        Assert.Equal(
            lines.Select(l => l.Record.SpanId).Order(StringComparer.Ordinal),
            Rows(connection, "SELECT span_id FROM traces ORDER BY span_id", r => r.GetString(0)));

        // Per tenant and per partition hour; the partition columns agree with the line's own fields.
        var expectedByTenant = lines.GroupBy(l => l.Record.TenantId).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(Tenants.Length, expectedByTenant.Count);
        Assert.Equal(expectedByTenant, Rows(connection, "SELECT tenant, count(*) FROM traces GROUP BY tenant", r => (r.GetString(0), r.GetInt64(1))).ToDictionary());

        var expectedByHour = lines.GroupBy(l => $"{l.Record.TenantId} {l.Hour:yyyy-MM-dd HH}").ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(6, expectedByHour.Count);
        var byHour = Rows(
            connection,
            "SELECT tenant, strftime(dt, '%Y-%m-%d'), hour, count(*) FROM traces GROUP BY ALL",
            r => ($"{r.GetString(0)} {r.GetString(1)} {r.GetInt32(2):D2}", r.GetInt64(3))).ToDictionary();
        Assert.Equal(expectedByHour, byHour);
        Assert.Equal(0L, Scalar<long>(connection, "SELECT count(*) FROM traces WHERE tenant <> tenant_id OR hour <> hour(\"timestamp\" AT TIME ZONE 'UTC') OR dt <> CAST(\"timestamp\" AT TIME ZONE 'UTC' AS DATE)"));

        // A tenant's partition holds that tenant only.
        Assert.Equal(new[] { "acme" }, Rows(connection, "SELECT DISTINCT tenant_id FROM traces WHERE tenant = 'acme'", r => r.GetString(0)));
        Assert.Equal(expectedByTenant["acme"], Scalar<long>(connection, "SELECT count(*) FROM traces WHERE tenant = 'acme'"));

        // Tokens and cost sum exactly to the lines' (cost is DECIMAL: no float drift).
        var records = lines.Select(l => l.Record).ToList();
        Assert.Contains(records, r => r.CostUsd is null);
        var sums = Rows(
            connection,
            "SELECT sum(prompt_tokens)::BIGINT, sum(completion_tokens)::BIGINT, sum(total_tokens)::BIGINT, sum(cost_usd), count(cost_usd) FROM traces",
            r => (Prompt: r.GetInt64(0), Completion: r.GetInt64(1), Total: r.GetInt64(2), Cost: r.GetDecimal(3), Costed: r.GetInt64(4))).Single();
        Assert.Equal(records.Sum(r => (long)r.PromptTokens!.Value), sums.Prompt);
        Assert.Equal(records.Sum(r => (long)r.CompletionTokens!.Value), sums.Completion);
        Assert.Equal(records.Sum(r => (long)r.TotalTokens!.Value), sums.Total);
        Assert.Equal(records.Sum(r => r.CostUsd ?? 0m), sums.Cost);
        Assert.Equal(records.Count(r => r.CostUsd is not null), sums.Costed);
        Assert.True(sums.Cost > 0m);
    }

    [Fact]
    public async Task DuckDbSql_TheExampleQueriesOfInfraQuery_AnswerWhatTheLinesSay()
    {
        var (connection, lines) = await OpenIndexAsync();
        using var _ = connection;
        var records = lines.Select(l => l.Record).ToList();

        // A session's calls, in order.
        var session = records.Where(r => r.TenantId == "acme" && r.SessionId == "sess-2").OrderBy(r => r.Timestamp).ThenBy(r => r.Step).Select(r => r.SpanId).ToList();
        Assert.NotEmpty(session);
        Assert.Equal(session, Rows(connection, "SELECT span_id FROM traces WHERE tenant = 'acme' AND session_id = 'sess-2' AND calls IS NULL ORDER BY \"timestamp\", step", r => r.GetString(0)));

        // Cost by tenant and day.
        var costByDay = records.GroupBy(r => $"{r.TenantId} {r.Timestamp.UtcDateTime:yyyy-MM-dd}").ToDictionary(g => g.Key, g => g.Sum(r => r.CostUsd ?? 0m));
        Assert.Equal(4, costByDay.Count);
        Assert.Equal(costByDay, Rows(connection, "SELECT tenant, strftime(dt, '%Y-%m-%d'), sum(cost_usd) FROM traces WHERE calls IS NULL GROUP BY tenant, dt", r => ($"{r.GetString(0)} {r.GetString(1)}", r.GetDecimal(2))).ToDictionary());

        // Errors by type.
        var errors = records.Where(r => r.ErrorType is not null).GroupBy(r => r.ErrorType!).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.NotEmpty(errors);
        Assert.Equal(errors, Rows(connection, "SELECT error_type, count(*) FROM traces WHERE calls IS NULL AND error_type IS NOT NULL GROUP BY error_type", r => (r.GetString(0), r.GetInt64(1))).ToDictionary());

        // p95 latency by model (quantile_cont interpolates between the two nearest ranks).
        foreach (var model in records.Select(r => r.Model!).Distinct())
        {
            var latencies = records.Where(r => r.Model == model).Select(r => r.LatencyMs).Order().ToList();
            var rank = 0.95 * (latencies.Count - 1);
            var low = (int)Math.Floor(rank);
            var expected = latencies[low] + ((rank - low) * (latencies[Math.Min(low + 1, latencies.Count - 1)] - latencies[low]));
            var p95 = Scalar<double>(connection, $"SELECT quantile_cont(latency_ms, 0.95) FROM traces WHERE model = '{model}' AND calls IS NULL");
            Assert.Equal(expected, p95, 6);
        }
    }

    /// <summary>Records the traffic, builds the partitioned tree from its lines and opens duckdb.sql's view over it.</summary>
    private async Task<(DuckDBConnection Connection, List<(string Text, LlmTraceLogLine Record, DateTime Hour)> Lines)> OpenIndexAsync()
    {
        var lines = await RecordAsync();
        var root = _folder.Combine("bucket");
        var segments = WriteSegments(lines, root);
        Assert.True(segments >= 12, $"{segments} segments: each tenant-hour should be split in two");

        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var indexRoot = Path.Combine(root, IndexKeys.Root("traces")).TrimEnd('/', '\\').Replace('\\', '/');
        var sql = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "infra", "query", "duckdb.sql"));
        Execute(connection, sql.Replace("${INDEX_ROOT}", indexRoot, StringComparison.Ordinal));
        return (connection, lines);
    }

    /// <summary>Runs a host on the local folder store and records traffic stamped over three hours for two tenants.</summary>
    private async Task<List<(string Text, LlmTraceLogLine Record, DateTime Hour)>> RecordAsync()
    {
        await using (var host = IngestTestHost.Create(o =>
        {
            o.Log.Directory = _folder.Combine("logs");
            o.Storage.Local.Directory = _folder.Combine("payloads");
            o.Log.Ship.Enabled = false; // the tree is built below from the local lines, independently of the shipper
        }))
        {
            await host.StartAsync();
            var random = new Random(15);
            for (var i = 0; i < 180; i++)
            {
                var prompt = random.Next(10, 3000);
                var completion = random.Next(0, 600);
                Assert.True(host.Recorder.Record(new LlmTrace
                {
                    TenantId = Tenants[i % Tenants.Length],
                    SessionId = $"sess-{i % 7}",
                    Timestamp = Start + TimeSpan.FromMinutes(i), // 22:00 to 00:59 UTC: three hours over two days
                    Model = i % 9 == 4 ? "in-house-model" : "gpt-4o-mini", // no price: cost_usd absent
                    Operation = "chat",
                    Messages = [new LlmMessage("user", $"question {i}")],
                    Response = $"answer {i}",
                    FinishReason = i % 11 == 3 || i % 17 == 8 ? "error" : "stop",
                    Error = i % 11 == 3 ? "Rate limit reached for requests per min." : i % 17 == 8 ? "The request timed out." : null,
                    ErrorType = i % 11 == 3 ? "rate_limit" : i % 17 == 8 ? "timeout" : null,
                    PromptTokens = prompt,
                    CompletionTokens = completion,
                    TotalTokens = prompt + completion,
                    LatencyMs = 100 + i,
                }));
            }

            await host.Recorder.FlushAsync();
            await host.StopAsync();
        }

        var lines = new List<(string, LlmTraceLogLine, DateTime)>();
        foreach (var file in Directory.GetFiles(_folder.Combine("logs"), "*.jsonl"))
        {
            foreach (var text in await File.ReadAllLinesAsync(file))
            {
                Assert.True(LlmTraceLogReader.TryParse(text, out var record), text);
                var at = record.Timestamp.UtcDateTime;
                lines.Add((text, record, new DateTime(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc)));
            }
        }

        Assert.Equal(180, lines.Count);
        return lines;
    }

    /// <summary>Gzips each tenant-hour's lines, exactly as written, into two segments at their index keys.</summary>
    private static int WriteSegments(List<(string Text, LlmTraceLogLine Record, DateTime Hour)> lines, string root)
    {
        var segments = 0;
        foreach (var partition in lines.GroupBy(l => (l.Record.TenantId, l.Hour)))
        {
            var items = partition.ToList();
            for (var sequence = 0; sequence < 2; sequence++)
            {
                var key = IndexKeys.ForSegment("traces", partition.Key.TenantId, partition.Key.Hour, "duckdb-test", sequence);
                var path = Path.Combine(root, key);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
                var text = string.Concat(items.Where((_, i) => i % 2 == sequence).Select(l => l.Text + "\n"));
                gzip.Write(Encoding.UTF8.GetBytes(text));
                segments++;
            }
        }

        return segments;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static T Scalar<T>(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static List<T> Rows<T>(DuckDBConnection connection, string sql, Func<System.Data.Common.DbDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
