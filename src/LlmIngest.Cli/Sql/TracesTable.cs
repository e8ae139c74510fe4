using System.Globalization;
using System.Text;

namespace LlmIngest.Cli.Sql;

/// <summary>
/// The <c>traces</c> view DuckDB reads the JSONL logs through: <c>read_json</c> over the files (gzip by extension) with
/// the log schema's columns given explicitly, so types never depend on which lines DuckDB samples and unknown fields are
/// ignored. A <c>filename</c> column says where each line came from.
/// </summary>
internal static class TracesTable
{
    private static readonly (string Name, string Type)[] Columns =
    [
        ("schema_version", "INTEGER"), ("trace_id", "VARCHAR"), ("span_id", "VARCHAR"), ("parent_span_id", "VARCHAR"), ("step", "INTEGER"),
        ("session_id", "VARCHAR"), ("tenant_id", "VARCHAR"), ("user_id", "VARCHAR"), ("timestamp", "TIMESTAMPTZ"), ("provider", "VARCHAR"),
        ("model", "VARCHAR"), ("response_model", "VARCHAR"), ("operation", "VARCHAR"), ("function_name", "VARCHAR"), ("tags", "VARCHAR[]"),
        ("prompt_tokens", "INTEGER"), ("completion_tokens", "INTEGER"), ("total_tokens", "INTEGER"), ("reasoning_tokens", "INTEGER"),
        ("cached_tokens", "INTEGER"), ("latency_ms", "DOUBLE"), ("time_to_first_token_ms", "DOUBLE"), ("tokens_per_sec", "DOUBLE"),
        ("cost_usd", "DOUBLE"), ("finish_reason", "VARCHAR"), ("error", "VARCHAR"), ("error_type", "VARCHAR"), ("error_suggestions", "VARCHAR[]"),
        ("request_id", "VARCHAR"), ("response_id", "VARCHAR"), ("system_fingerprint", "VARCHAR"), ("input_preview", "VARCHAR"),
        ("output_preview", "VARCHAR"), ("redactions", "MAP(VARCHAR, INTEGER)"), ("payload_key", "VARCHAR"), ("payload_sha256", "VARCHAR"),
        ("payload_bytes", "BIGINT"), ("payload_stored", "BOOLEAN"), ("sampled_out", "BOOLEAN"),
        ("payload_truncated", "BOOLEAN"), ("media_count", "INTEGER"), ("media_bytes", "BIGINT"),
    ];

    /// <param name="files">The JSONL files.</param>
    /// <param name="ignoreErrors">Skip lines that are not JSON objects of the schema instead of failing the query.</param>
    public static string CreateViewSql(IReadOnlyList<FileInfo> files, bool ignoreErrors = false)
    {
        var sql = new StringBuilder("CREATE VIEW traces AS SELECT * FROM read_json([");
        for (var i = 0; i < files.Count; i++)
        {
            sql.Append(i == 0 ? string.Empty : ", ").Append(Quote(files[i].FullName));
        }

        sql.Append("], format = 'newline_delimited', filename = true, ").Append(ignoreErrors ? "ignore_errors = true, " : string.Empty).Append("columns = {");
        for (var i = 0; i < Columns.Length; i++)
        {
            sql.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"{Columns[i].Name}: {Quote(Columns[i].Type)}");
        }

        return sql.Append("});").ToString();
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
