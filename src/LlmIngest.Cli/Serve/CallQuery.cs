using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace LlmIngest.Cli.Serve;

/// <summary>
/// The calls list's filters, sort and page as the page sends them in the query string, turned into a parameterized
/// WHERE clause (values only ever travel as parameters; sort columns come from a fixed list).
/// </summary>
internal sealed class CallQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    private static readonly Dictionary<string, string> SortColumns = new(StringComparer.Ordinal)
    {
        ["timestamp"] = "timestamp",
        ["latency"] = "latency_ms",
        ["cost"] = "cost_usd",
        ["tokens"] = "total_tokens",
        ["ttft"] = "time_to_first_token_ms",
    };

    private readonly List<string> _conditions = [];
    private readonly List<object?> _parameters = [];

    public string Sort { get; private set; } = "timestamp";

    public bool Descending { get; private set; } = true;

    public int Page { get; private set; }

    public int PageSize { get; private set; } = DefaultPageSize;

    public IReadOnlyList<object?> Parameters => _parameters;

    /// <summary>" WHERE …" or an empty string.</summary>
    public string Where => _conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", _conditions);

    public string OrderBy => string.Create(CultureInfo.InvariantCulture, $" ORDER BY {SortColumns[Sort]} {(Descending ? "DESC" : "ASC")} NULLS LAST, timestamp DESC, span_id");

    /// <summary>Reads the query string; throws <see cref="FormatException"/> with a message naming the bad parameter.</summary>
    public static CallQuery Parse(IQueryCollection query, RedactionOptions redaction, DateTimeOffset now)
    {
        var q = new CallQuery();
        string? Get(string name) => query.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;

        if (Get("since") is { } since)
        {
            q.Add("timestamp >= ?", Point(since, "since", now).UtcDateTime);
        }

        if (Get("until") is { } until)
        {
            q.Add("timestamp < ?", Point(until, "until", now).UtcDateTime);
        }

        q.Identifier("session_id", Get("session"), redaction);
        q.Identifier("user_id", Get("user"), redaction);
        q.Equal("tenant_id", Get("tenant"));
        q.Equal("function_name", Get("function"));
        q.Equal("trace_id", Get("trace"));
        if (Get("model") is { } model)
        {
            var pattern = Like(model);
            q.Add("(model ILIKE ? ESCAPE '\\' OR response_model ILIKE ? ESCAPE '\\')", pattern, pattern);
        }

        if (Get("error") is { } error)
        {
            q._conditions.Add("(error IS NOT NULL OR error_type IS NOT NULL)");
            if (!string.Equals(error, "any", StringComparison.OrdinalIgnoreCase))
            {
                q.Add("lower(coalesce(error_type, 'unknown')) = lower(?)", error);
            }
        }

        if (Get("min_latency") is { } minLatency)
        {
            q.Add("latency_ms >= ?", Number(minLatency, "min_latency"));
        }

        if (Get("tag") is { } tag)
        {
            q.Add("list_contains(tags, ?)", tag);
        }

        if (Get("q") is { } text)
        {
            q.Add("(contains(lower(coalesce(input_preview, '')), lower(?)) OR contains(lower(coalesce(output_preview, '')), lower(?)) OR contains(lower(coalesce(error, '')), lower(?)))", text, text, text);
        }

        if (Get("sort") is { } sort)
        {
            q.Sort = SortColumns.ContainsKey(sort) ? sort : throw new FormatException($"sort must be one of {string.Join(", ", SortColumns.Keys)}.");
        }

        q.Descending = !string.Equals(Get("dir"), "asc", StringComparison.OrdinalIgnoreCase);
        q.Page = Get("page") is { } page ? (int)Math.Clamp(Number(page, "page"), 0, int.MaxValue / MaxPageSize) : 0;
        q.PageSize = Get("size") is { } size ? (int)Math.Clamp(Number(size, "size"), 1, MaxPageSize) : DefaultPageSize;
        return q;
    }

    private void Add(string condition, params object?[] values)
    {
        _conditions.Add(condition);
        _parameters.AddRange(values);
    }

    private void Equal(string column, string? value)
    {
        if (value is not null)
        {
            Add(column + " = ?", value);
        }
    }

    /// <summary>An id that held PII is logged as its keyed pseudonym: match the raw value and its pseudonym.</summary>
    private void Identifier(string column, string? value, RedactionOptions redaction)
    {
        if (value is not null)
        {
            var pseudonym = LlmTraceRedaction.PseudonymOf(redaction, value);
            Add($"({column} = ? OR {column} = ?)", value, pseudonym ?? value);
        }
    }

    /// <summary>A model name with <c>*</c> wildcards as an ILIKE pattern, LIKE's own wildcards escaped.</summary>
    private static string Like(string model)
    {
        var pattern = new StringBuilder(model.Length + 4);
        foreach (var c in model)
        {
            pattern.Append(c switch
            {
                '*' => "%",
                '%' or '_' or '\\' => "\\" + c,
                _ => c.ToString(),
            });
        }

        return pattern.ToString();
    }

    private static double Number(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"{name} must be a number (got '{Clip(text)}').");

    private static DateTimeOffset Point(string text, string name, DateTimeOffset now)
    {
        try
        {
            return DurationText.ParsePoint(text, "--" + name, now);
        }
        catch (CliException)
        {
            throw new FormatException($"{name} must be a date (2026-11-23), a time (2026-11-23T10:00:00Z) or a time ago (30m, 2h, 7d); got '{Clip(text)}'.");
        }
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
