using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using DuckDB.NET.Data;
using LlmIngest.Cli.Sql;

namespace LlmIngest.Cli.Serve;

/// <summary>
/// The index lines the viewer lists, loaded once into an in-memory DuckDB table (columnar and compressed), so a filtered,
/// sorted page over a million lines is one query instead of a scan of the files. Operations' own lines (no payload,
/// <c>operation:"agent"</c>) are left out, as <c>find</c> leaves them out. With a tenant to read, only its lines are loaded.
/// One connection, used by one request at a time.
/// </summary>
internal sealed class CallTable : IDisposable
{
    /// <summary>The row of the calls list as JSON, built by DuckDB itself: no per-column mapping in C#.</summary>
    private const string RowJson =
        "to_json({trace_id: trace_id, span_id: span_id, step: step, timestamp: strftime(timestamp, '%Y-%m-%dT%H:%M:%S.%gZ'), " +
        "session_id: session_id, user_id: user_id, tenant_id: tenant_id, function_name: function_name, model: model, " +
        "response_model: response_model, tags: tags, prompt_tokens: prompt_tokens, completion_tokens: completion_tokens, " +
        "total_tokens: total_tokens, latency_ms: latency_ms, time_to_first_token_ms: time_to_first_token_ms, cost_usd: cost_usd, " +
        "finish_reason: finish_reason, error: error, error_type: error_type, error_suggestions: error_suggestions, " +
        "input_preview: input_preview, output_preview: output_preview, redactions: redactions, payload_stored: payload_stored, " +
        "payload_key: coalesce(payload_key, ''), payload_sha256: coalesce(payload_sha256, ''), payload_bytes: payload_bytes, sampled_out: sampled_out})::VARCHAR";

    private readonly DuckDBConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private CallTable(DuckDBConnection connection, long rows, TimeSpan loadTime)
    {
        _connection = connection;
        Rows = rows;
        LoadTime = loadTime;
    }

    public long Rows { get; }

    public TimeSpan LoadTime { get; }

    public static async Task<CallTable> LoadAsync(IReadOnlyList<FileInfo> files, string? tenant, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using (var setup = connection.CreateCommand())
        {
            // Insertion order is never needed (every page sorts), and keeping it costs memory while the table is built.
            setup.CommandText = "SET TimeZone = 'UTC'; SET preserve_insertion_order = false; " + (files.Count == 0
                ? "CREATE TABLE calls AS SELECT NULL::VARCHAR AS trace_id WHERE false;"
                : TracesTable.CreateViewSql(files, ignoreErrors: true) +
                  " CREATE TABLE calls AS SELECT * EXCLUDE (filename) FROM traces WHERE trace_id IS NOT NULL AND span_id IS NOT NULL" +
                  " AND NOT (operation = 'agent' AND coalesce(payload_key, '') = '')" + (tenant is null ? string.Empty : " AND tenant_id = ?") + ";");
            if (tenant is not null && files.Count > 0)
            {
                setup.Parameters.Add(new DuckDBParameter(tenant));
            }

            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var rows = await ScalarAsync(connection, "SELECT count(*) FROM calls", [], cancellationToken).ConfigureAwait(false);
        return new CallTable(connection, Convert.ToInt64(rows, System.Globalization.CultureInfo.InvariantCulture), clock.Elapsed);
    }

    /// <summary>Writes <c>{"total":…,"page":…,"page_size":…,"rows":[…]}</c> for <paramref name="query"/>.</summary>
    public async Task WritePageAsync(CallQuery query, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        if (Rows == 0)
        {
            WriteEmptyPage(query, json);
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var total = Convert.ToInt64(await ScalarAsync(_connection, "SELECT count(*) FROM calls" + query.Where, query.Parameters, cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            json.WriteStartObject();
            json.WriteNumber("total", total);
            json.WriteNumber("page", query.Page);
            json.WriteNumber("page_size", query.PageSize);
            json.WriteStartArray("rows");
            var sql = $"SELECT {RowJson} FROM calls{query.Where}{query.OrderBy} LIMIT {query.PageSize} OFFSET {(long)query.Page * query.PageSize}";
            await foreach (var row in RowsAsync(sql, query.Parameters, cancellationToken).ConfigureAwait(false))
            {
                json.WriteRawValue(row.GetString(0), skipInputValidation: true);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The lines of one trace (every tenant's when no tenant is confined), in step order, as lines and as JSON rows.</summary>
    public async Task<List<(LlmTraceLogLine Line, string Json)>> TraceAsync(string traceId, CancellationToken cancellationToken)
    {
        var found = new List<(LlmTraceLogLine, string)>();
        if (Rows == 0)
        {
            return found;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Parsed by the library's public reader, so the lines are exactly what it reads from a file.
            const string Sql = "SELECT " + RowJson + " FROM calls WHERE trace_id = ? ORDER BY step, timestamp, span_id";
            await foreach (var r in RowsAsync(Sql, [traceId], cancellationToken).ConfigureAwait(false))
            {
                var json = r.GetString(0);
                if (LlmTraceLogReader.TryParse(json, out var line) && line is not null)
                {
                    found.Add((line, json));
                }
            }
        }

        finally
        {
            _gate.Release();
        }

        return found;
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private static void WriteEmptyPage(CallQuery query, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("total", 0);
        json.WriteNumber("page", query.Page);
        json.WriteNumber("page_size", query.PageSize);
        json.WriteStartArray("rows");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static async Task<object?> ScalarAsync(DuckDBConnection connection, string sql, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<DbDataReader> RowsAsync(string sql, IReadOnlyList<object?> parameters, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var command = Command(_connection, sql, parameters);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return reader;
            }
        }
    }

    private static DuckDBCommand Command(DuckDBConnection connection, string sql, IReadOnlyList<object?> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(value!));
        }

        return command;
    }
}
