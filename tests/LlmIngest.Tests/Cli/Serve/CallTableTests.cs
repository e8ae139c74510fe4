using System.Text.Json;
using LlmIngest.Cli.Serve;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace LlmIngest.Tests.Cli.Serve;

/// <summary>
/// The viewer's calls list against the same lines filtered in C#: DuckDB's count and order must be what the filters
/// say, for generated logs (one gzipped, one plain, with a malformed line) and every filter of the page.
/// </summary>
public sealed class CallTableTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly List<LlmTraceLogLine> _records = [];

    public CallTableTests()
    {
        SyntheticTraceLog.Write(_folder.Combine("traces-20261120.jsonl.gz"), 1_500, seed: 11, Start, TimeSpan.FromMinutes(1), _records.Add);
        SyntheticTraceLog.Write(_folder.Combine("traces-20261121.jsonl"), 700, seed: 12, Start, TimeSpan.FromMinutes(1), _records.Add, firstIndex: 1_500);
        File.AppendAllText(_folder.Combine("traces-20261121.jsonl"), "this is not json\n{\"trace_id\":1}\n");
    }

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string> Filters => new()
    {
        { "none", "" },
        { "session", "session=sess-42" },
        { "tenant", "tenant=acme" },
        { "function", "function=draft_reply" },
        { "model wildcard", "model=gpt-4o*" },
        { "model exact, any case", "model=CLAUDE-sonnet-4-6" },
        { "any error", "error=any" },
        { "error type", "error=rate_limit" },
        { "untyped error", "error=unknown" },
        { "min latency", "min_latency=5000" },
        { "tag", "tag=even" },
        { "text", "q=ORDER NUMBER 12" },
        { "time range", "since=2026-11-20T10:00:00Z&until=2026-11-21T00:00:00Z" },
        { "combined", "tenant=default&model=gpt-4o-mini&min_latency=300&tag=synthetic" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Page_CountsAndOrdersExactlyTheLinesTheFiltersSelect(string name, string query)
    {
        using var table = await CallTable.LoadAsync(Files(), tenant: null, CancellationToken.None);
        Assert.Equal(_records.Count, table.Rows);

        var parameters = Parse(query + "&sort=latency&size=500");
        var expected = _records.Where(Predicate(parameters)).OrderByDescending(r => r.LatencyMs).ToList();
        var (total, rows) = await PageAsync(table, parameters);

        Assert.True(expected.Count == total, $"{name}: expected {expected.Count}, got {total}");
        Assert.Equal(expected.Take(500).Select(r => r.LatencyMs), rows.Select(r => r.GetProperty("latency_ms").GetDouble()));
    }

    [Fact]
    public async Task Pages_AreDisjointAndCoverTheSet_InTimestampOrder()
    {
        using var table = await CallTable.LoadAsync(Files(), tenant: null, CancellationToken.None);
        var seen = new List<string>();
        for (var page = 0; ; page++)
        {
            var (total, rows) = await PageAsync(table, Parse($"tenant=acme&sort=timestamp&dir=asc&size=50&page={page}"));
            seen.AddRange(rows.Select(r => r.GetProperty("trace_id").GetString()!));
            if (rows.Count < 50)
            {
                Assert.Equal(total, seen.Count);
                break;
            }
        }

        Assert.Equal(_records.Where(r => r.TenantId == "acme").OrderBy(r => r.Timestamp).Select(r => r.TraceId), seen);
    }

    [Fact]
    public async Task ATenant_LoadsOnlyItsLines_AndATraceOfAnotherTenantIsNotFound()
    {
        using var table = await CallTable.LoadAsync(Files(), tenant: "acme", CancellationToken.None);
        Assert.Equal(_records.Count(r => r.TenantId == "acme"), table.Rows);
        var other = _records.First(r => r.TenantId != "acme");
        Assert.Empty(await table.TraceAsync(other.TraceId, CancellationToken.None));
        var mine = _records.First(r => r.TenantId == "acme");
        var line = Assert.Single(await table.TraceAsync(mine.TraceId, CancellationToken.None)).Line;
        Assert.Equal((mine.SpanId, mine.PayloadSha256, mine.Timestamp), (line.SpanId, line.PayloadSha256, line.Timestamp));
    }

    [Theory]
    [InlineData("sort=latency_ms; DROP TABLE calls")]
    [InlineData("min_latency=abc")]
    [InlineData("since=yesterday-ish")]
    public void BadParameters_AreRefusedWithAMessage_NeverPutIntoSql(string query)
    {
        var e = Assert.Throws<FormatException>(() => CallQuery.Parse(Parse(query), new RedactionOptions(), DateTimeOffset.UtcNow));
        Assert.Matches("sort|min_latency|since", e.Message);
    }

    [Fact]
    public void Values_TravelAsParameters()
    {
        var query = CallQuery.Parse(Parse("session=x' OR 1=1 --&model=a%_b*"), new RedactionOptions(), DateTimeOffset.UtcNow);
        Assert.DoesNotContain("OR 1=1", query.Where, StringComparison.Ordinal);
        Assert.Contains("x' OR 1=1 --", query.Parameters);
        Assert.Contains("a\\%\\_b%", query.Parameters);
    }

    private List<FileInfo> Files() => [.. new DirectoryInfo(_folder.Path).EnumerateFiles().OrderBy(f => f.Name)];

    private static QueryCollection Parse(string query) =>
        new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + query).ToDictionary(p => p.Key, p => p.Value));

    private static async Task<(long Total, List<JsonElement> Rows)> PageAsync(CallTable table, QueryCollection parameters)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            await table.WritePageAsync(CallQuery.Parse(parameters, new RedactionOptions(), DateTimeOffset.UtcNow), json, CancellationToken.None);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return (document.RootElement.GetProperty("total").GetInt64(), document.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.Clone()).ToList());
    }

    private static Func<LlmTraceLogLine, bool> Predicate(QueryCollection p)
    {
        string? Get(string name) => p.TryGetValue(name, out StringValues v) ? v.ToString() : null;
        return r =>
            (Get("session") is not { } s || r.SessionId == s)
            && (Get("tenant") is not { } t || r.TenantId == t)
            && (Get("function") is not { } f || r.FunctionName == f)
            && (Get("model") is not { } m || (m.EndsWith('*') ? r.Model!.StartsWith(m[..^1], StringComparison.OrdinalIgnoreCase) : string.Equals(r.Model, m, StringComparison.OrdinalIgnoreCase)))
            && (Get("error") is not { } e || ((r.Error ?? r.ErrorType) is not null && (e == "any" || string.Equals(r.ErrorType ?? "unknown", e, StringComparison.OrdinalIgnoreCase))))
            && (Get("min_latency") is not { } l || r.LatencyMs >= double.Parse(l, System.Globalization.CultureInfo.InvariantCulture))
            && (Get("tag") is not { } g || (r.Tags?.Contains(g) ?? false))
            && (Get("q") is not { } q || (r.InputPreview ?? string.Empty).Contains(q, StringComparison.OrdinalIgnoreCase) || (r.OutputPreview ?? string.Empty).Contains(q, StringComparison.OrdinalIgnoreCase) || (r.Error ?? string.Empty).Contains(q, StringComparison.OrdinalIgnoreCase))
            && (Get("since") is not { } since || r.Timestamp >= DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture))
            && (Get("until") is not { } until || r.Timestamp < DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture));
    }
}
