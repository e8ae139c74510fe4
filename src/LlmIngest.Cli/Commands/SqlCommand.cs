using System.Collections;
using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using LlmIngest.Cli.Fleet;
using LlmIngest.Cli.Logs;
using LlmIngest.Cli.Sql;

namespace LlmIngest.Cli.Commands;

/// <summary>
/// <c>llmtrace sql "SELECT …" [--log PATH…] [--json] [--max-rows N]</c>: ad-hoc SQL over the JSONL logs, exposed as a
/// <c>traces</c> table by an in-memory DuckDB (which reads JSONL and gzip natively, streaming). Without <c>--log</c> and
/// with an S3 store configured the table is the fleet index (the partitions of <c>--tenant</c>/<c>--since</c>/<c>--until</c>;
/// lines are not filtered further: say so in the WHERE clause).
/// </summary>
internal static class SqlCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var query = new Argument<string>("query") { Description = "A DuckDB SQL query over the table traces, e.g. \"SELECT model, count(*) FROM traces GROUP BY model\"." };
        var logs = CliOptions.Logs();
        var config = CliOptions.Config();
        var json = CliOptions.Json();
        json.Description = "One JSON object per result row.";
        var maxRows = new Option<int>("--max-rows") { Description = "Rows printed as a table at most (0 = all; --json prints all).", DefaultValueFactory = _ => 1000 };
        var window = new LogWindow();
        var fleetFlags = new FleetFlags();
        var command = new Command("sql", "Run SQL over the JSONL logs as the table traces (DuckDB).") { query, logs, config, json, maxRows };
        window.AddTo(command);
        fleetFlags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(error, async () =>
        {
            var options = CliConfiguration.LoadOptions(parseResult.GetValue(config));
            fleetFlags.Apply(parseResult, options);
            var source = await LogSource.ResolveAsync(parseResult.GetValue(logs), options, parseResult.GetValue(fleetFlags.Cache), window.Query(parseResult), error, "sql", cancellationToken).ConfigureAwait(false);
            if (source.FleetNote is { } fleet)
            {
                await error.WriteLineAsync($"llmtrace: {fleet}").ConfigureAwait(false);
            }

            if (source.Files.Count == 0)
            {
                throw new CliException(ExitCodes.NotFound, "no JSONL files found in the log paths given.");
            }

            return await RunAsync(source.Files, parseResult.GetValue(query)!, parseResult.GetValue(json), parseResult.GetValue(maxRows), output, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> RunAsync(List<FileInfo> files, string query, bool json, int maxRows, TextWriter output, CancellationToken cancellationToken)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "SET TimeZone = 'UTC'; " + TracesTable.CreateViewSql(files);
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using var command = connection.CreateCommand();
        command.CommandText = query;
        DbDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DuckDBException e)
        {
            throw new CliException(ExitCodes.Usage, $"the query failed: {e.Message}");
        }

        await using (reader.ConfigureAwait(false))
        {
            try
            {
                if (json)
                {
                    await WriteJsonAsync(reader, output, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await WriteTableAsync(reader, maxRows, output, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (DuckDBException e)
            {
                throw new CliException(ExitCodes.Usage, $"the query failed: {e.Message}");
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task WriteJsonAsync(DbDataReader reader, TextWriter output, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            buffer.SetLength(0);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LlmTraceJson.Encoder }))
            {
                writer.WriteStartObject();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    writer.WritePropertyName(reader.GetName(i));
                    WriteJsonValue(writer, reader.IsDBNull(i) ? null : reader.GetValue(i));
                }

                writer.WriteEndObject();
            }

            await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)).ConfigureAwait(false);
        }
    }

    private static void WriteJsonValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case DateTime t:
                writer.WriteStringValue(Text(t));
                break;
            case DateTimeOffset t:
                writer.WriteStringValue(Text(t.UtcDateTime));
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case System.Numerics.BigInteger big:
                // DuckDB sums integers as HUGEINT.
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
                break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    WriteJsonValue(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJsonValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Text(value));
                break;
        }
    }

    private static async Task WriteTableAsync(DbDataReader reader, int maxRows, TextWriter output, CancellationToken cancellationToken)
    {
        var names = new string[reader.FieldCount];
        var widths = new int[reader.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = reader.GetName(i);
            widths[i] = Math.Min(names[i].Length, 60);
        }

        var rows = new List<string[]>();
        long total = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            total++;
            if (maxRows > 0 && rows.Count >= maxRows)
            {
                continue;
            }

            var row = new string[names.Length];
            for (var i = 0; i < row.Length; i++)
            {
                var text = reader.IsDBNull(i) ? "NULL" : Text(reader.GetValue(i)).ReplaceLineEndings(" ");
                row[i] = text.Length > 60 ? text[..59] + "…" : text;
                widths[i] = Math.Max(widths[i], row[i].Length);
            }

            rows.Add(row);
        }

        await output.WriteLineAsync(Line(names, widths)).ConfigureAwait(false);
        await output.WriteLineAsync(string.Join("  ", widths.Select(w => new string('-', w)))).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Line(row, widths)).ConfigureAwait(false);
        }

        await output.WriteLineAsync(total > rows.Count
            ? string.Create(CultureInfo.InvariantCulture, $"({total} rows, first {rows.Count} shown; --max-rows 0 or --json for all)")
            : string.Create(CultureInfo.InvariantCulture, $"({total} row{(total == 1 ? string.Empty : "s")})")).ConfigureAwait(false);
    }

    private static string Line(string[] cells, int[] widths)
    {
        var text = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : "  ").Append(cells[i].PadRight(widths[i]));
        }

        return text.ToString().TrimEnd();
    }

    private static string Text(object value) => value switch
    {
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        IDictionary map => "{" + string.Join(", ", map.Cast<DictionaryEntry>().Select(e => $"{Text(e.Key)}: {(e.Value is null ? "NULL" : Text(e.Value))}")) + "}",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(v => v is null ? "NULL" : Text(v))) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
