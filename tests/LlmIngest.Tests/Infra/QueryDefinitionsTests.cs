using System.Text.Json;
using System.Text.RegularExpressions;
using LlmIngest.Storage;

namespace LlmIngest.Tests.Infra;

/// <summary>
/// The engine definitions in infra/query/ read exactly the JSONL line contract: each one's column list is the set of JSON
/// property names of <see cref="LlmTraceLogLine"/>, so a field added to the contract fails here until every DDL has it.
/// </summary>
public sealed partial class QueryDefinitionsTests
{
    private static readonly string QueryFolder = Path.Combine(RepositoryRoot.Find(), "infra", "query");
    private static readonly string[] PartitionColumns = ["tenant", "dt", "hour"];

    public static TheoryData<string> TableFiles => new() { "athena.sql", "trino.sql", "spark.sql" };

    [Fact]
    public void TheContractsPropertyNames_AreWhatASampleWithEveryFieldSetSerializes()
    {
        // Guards the expectation itself: the source-generated metadata lists exactly the fields a line can carry.
        var json = JsonSerializer.Serialize(EveryFieldSet(), LlmIngestJsonContext.Default.LlmTraceLogLine);
        using var document = JsonDocument.Parse(json);

        var written = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(ContractColumns(), written);
    }

    [Theory]
    [MemberData(nameof(TableFiles))]
    public void TableDefinition_HasExactlyTheContractsFieldsAsColumns_ThenTheThreePartitions(string file)
    {
        var columns = TableColumns(File.ReadAllText(Path.Combine(QueryFolder, file)));

        var dataColumns = columns.Where(c => !PartitionColumns.Contains(c)).ToList();
        var partitions = columns.Where(PartitionColumns.Contains).ToList();
        AssertSameColumns(file, dataColumns);
        Assert.True(partitions.Count is 0 or 3, $"{file}: the partition columns appear in part: {string.Join(", ", partitions)}");
        if (partitions.Count == 3)
        {
            Assert.Equal(PartitionColumns, columns.TakeLast(3)); // Trino's Hive connector and Spark want them last
        }
    }

    [Fact]
    public void Athena_PartitionsByTenantDtHour_WithProjection_AndTheKeyLayoutAsLocationTemplate()
    {
        var sql = File.ReadAllText(Path.Combine(QueryFolder, "athena.sql"));

        Assert.Matches(@"PARTITIONED BY \(`tenant` STRING, `dt` STRING, `hour` INT\)", sql);
        Assert.Contains("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'", sql, StringComparison.Ordinal);
        Assert.Contains("'projection.tenant.type' = 'injected'", sql, StringComparison.Ordinal);
        Assert.Contains("'projection.dt.type' = 'date'", sql, StringComparison.Ordinal);
        Assert.Contains("'projection.hour.range' = '0,23'", sql, StringComparison.Ordinal);
        Assert.Contains("'projection.hour.digits' = '2'", sql, StringComparison.Ordinal);

        // The template is the library's own key layout with the projected values in its place.
        var template = LocationTemplate().Match(sql).Groups[1].Value;
        var key = IndexKeys.ForHour("traces", "TENANT", new DateTime(2026, 12, 7, 5, 0, 0, DateTimeKind.Utc));
        Assert.Equal("s3://${BUCKET}/" + key, template.Replace("${tenant}", "TENANT", StringComparison.Ordinal)
            .Replace("${dt}", "2026-12-07", StringComparison.Ordinal).Replace("${hour}", "05", StringComparison.Ordinal));
    }

    [Fact]
    public void Trino_AndSpark_NameTheirPartitions_AndRegisterThem()
    {
        var trino = File.ReadAllText(Path.Combine(QueryFolder, "trino.sql"));
        var spark = File.ReadAllText(Path.Combine(QueryFolder, "spark.sql"));

        Assert.Contains("format = 'JSON'", trino, StringComparison.Ordinal);
        Assert.Contains("partitioned_by = ARRAY['tenant', 'dt', 'hour']", trino, StringComparison.Ordinal);
        Assert.Contains("CALL hive.system.sync_partition_metadata('llmingest', 'traces', 'ADD')", trino, StringComparison.Ordinal);
        Assert.Contains("USING json", spark, StringComparison.Ordinal);
        Assert.Contains("PARTITIONED BY (tenant, dt, hour)", spark, StringComparison.Ordinal);
        Assert.Contains("MSCK REPAIR TABLE llmingest_traces", spark, StringComparison.Ordinal);
    }

    [Fact]
    public void DuckDb_ReadsTheTreeWithHivePartitioning_AndExactlyTheContractsFieldsAsColumns()
    {
        var sql = File.ReadAllText(Path.Combine(QueryFolder, "duckdb.sql"));

        Assert.Contains("read_json_auto(", sql, StringComparison.Ordinal);
        Assert.Contains("hive_partitioning = true", sql, StringComparison.Ordinal);
        Assert.Contains("'${INDEX_ROOT}/tenant=*/dt=*/hour=*/*" + IndexKeys.Extension + "'", sql, StringComparison.Ordinal);
        AssertSameColumns("duckdb.sql", DuckDbColumns(sql));
    }

    [Fact]
    public void ColumnParser_SeesAColumnMissingFromADefinition()
    {
        // The check above must be able to fail: drop one column from a real file and the parsed list no longer matches.
        var sql = File.ReadAllText(Path.Combine(QueryFolder, "spark.sql")).Replace("  `redactions` MAP<STRING, INT>,\n", string.Empty, StringComparison.Ordinal);

        var columns = TableColumns(sql).Where(c => !PartitionColumns.Contains(c)).ToList();

        Assert.DoesNotContain("redactions", columns);
        Assert.Equal(ContractColumns().Count - 1, columns.Count);
    }

    /// <summary>The JSON names of the line contract, from the source-generated metadata the pipeline writes with.</summary>
    private static List<string> ContractColumns() =>
        [.. LlmIngestJsonContext.Default.LlmTraceLogLine.Properties.Where(p => p.Get is not null).Select(p => p.Name)];

    private static void AssertSameColumns(string file, List<string> columns)
    {
        var expected = ContractColumns();
        var missing = expected.Except(columns, StringComparer.Ordinal).ToList();
        var extra = columns.Except(expected, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, $"{file}: missing columns [{string.Join(", ", missing)}], columns not in the contract [{string.Join(", ", extra)}]");
        Assert.Equal(columns.Count, columns.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>The column names of the first CREATE [EXTERNAL] TABLE's parenthesised list, comments removed.</summary>
    private static List<string> TableColumns(string sql)
    {
        var text = LineComment().Replace(sql, string.Empty);
        var start = CreateTable().Match(text);
        Assert.True(start.Success, "no CREATE TABLE (");
        return SplitTopLevel(Enclosed(text, start.Index + start.Length - 1, '(', ')'))
            .Select(column => Unquote(column.Split((char[])[' ', '\t', '\n'], 2, StringSplitOptions.RemoveEmptyEntries)[0]))
            .ToList();
    }

    private static List<string> DuckDbColumns(string sql)
    {
        var text = LineComment().Replace(sql, string.Empty);
        var start = text.IndexOf("columns = {", StringComparison.Ordinal);
        Assert.True(start >= 0, "no columns = {");
        return SplitTopLevel(Enclosed(text, start + "columns = ".Length, '{', '}'))
            .Select(column => Unquote(column[..column.IndexOf(':', StringComparison.Ordinal)].Trim()))
            .ToList();
    }

    /// <summary>The text between the bracket at <paramref name="open"/> and its match.</summary>
    private static string Enclosed(string text, int open, char opening, char closing)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] == opening ? 1 : text[i] == closing ? -1 : 0;
            if (depth == 0)
            {
                return text[(open + 1)..i];
            }
        }

        throw new InvalidOperationException($"unbalanced {opening}");
    }

    /// <summary>Splits on commas outside (), &lt;&gt; and quotes: DECIMAL(18,10) and MAP&lt;STRING,INT&gt; stay whole.</summary>
    private static List<string> SplitTopLevel(string list)
    {
        var parts = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            var c = list[i];
            quoted ^= c == '\'';
            if (quoted)
            {
                continue;
            }

            depth += c is '(' or '<' ? 1 : c is ')' or '>' ? -1 : 0;
            if (c == ',' && depth == 0)
            {
                parts.Add(list[start..i]);
                start = i + 1;
            }
        }

        parts.Add(list[start..]);
        return parts.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
    }

    private static string Unquote(string name) => name.Trim('`', '"', '\'');

    private static LlmTraceLogLine EveryFieldSet()
    {
        var line = new LlmTraceLogLine
        {
            TraceId = "t",
            SpanId = "s",
            ParentSpanId = "p",
            Step = 1,
            SessionId = "sess",
            TenantId = "acme",
            UserId = "u",
            Timestamp = DateTimeOffset.UnixEpoch,
            Provider = "openai",
            Model = "m",
            ResponseModel = "m2",
            Operation = "chat",
            FunctionName = "f",
            Tags = ["x"],
            PromptTokens = 1,
            CompletionTokens = 2,
            TotalTokens = 3,
            ReasoningTokens = 4,
            CachedTokens = 5,
            LatencyMs = 6,
            TimeToFirstTokenMs = 7,
            TokensPerSec = 8,
            CostUsd = 0.1m,
            FinishReason = "stop",
            Error = "e",
            ErrorType = "timeout",
            ErrorSuggestions = ["retry"],
            RequestId = "r",
            ResponseId = "r2",
            SystemFingerprint = "fp",
            InputPreview = "in",
            OutputPreview = "out",
            Redactions = new Dictionary<string, int> { ["email"] = 1 },
            PayloadSha256 = "00",
            PayloadBytes = 9,
            Truncated = ["input_preview"],
        };
        line.PayloadKey = "k";
        line.DuplicateOf = "d";
        line.Sanitized = ["latency_ms"];
        line.PayloadStored = true;
        line.SampledOut = true;
        line.PayloadTruncated = true;
        line.MediaCount = 1;
        line.MediaBytes = 5;
        line.Calls = 1;
        line.Errors = 0;
        return line;
    }

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"CREATE\s+(EXTERNAL\s+)?TABLE[^(]*\(")]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"'storage\.location\.template' = '([^']*)'")]
    private static partial Regex LocationTemplate();
}
