using Bogus;

namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>The templates values are embedded in. Filler (names, cities, companies, dates) comes from the case's locale.</summary>
internal static class CaseTemplates
{
    public static readonly CaseTemplate[] Single =
    [
        // chat
        new("chat", TextEncoding.Plain, false, (f, _, v) => $"Hi, this is {f.Name.FirstName()}. You can reach me at {v} if anything comes up."),
        new("chat", TextEncoding.Plain, true, (f, l, v) => $"{f.Name.FirstName()}: my {l} is {v}, please update the account."),
        new("chat", TextEncoding.Plain, false, (f, _, v) => $"Sure! I noted {v} for {f.Name.FullName()} ({f.Address.City()})."),
        new("chat", TextEncoding.Plain, true, (f, l, v) => $"User: can you check {l} {v}? It was rejected at checkout yesterday."),
        new("chat", TextEncoding.Plain, false, (f, _, v) => $"{f.Lorem.Sentence(6)} {v} {f.Lorem.Sentence(5)}"),

        // JSON tool results and agent payloads: one level of escapes, the value right after an escape
        new("json", TextEncoding.Json, true, (f, l, v) => $"{{\"tool\":\"crm_lookup\",\"result\":\"Customer {Esc(f.Name.FullName())}\\n{l}: {v}\\nStatus: active\"}}"),
        new("json", TextEncoding.Json, true, (f, l, v) => $"{{\"name\":\"{Esc(f.Name.FullName())}\",\"{l}\":\"{v}\",\"city\":\"{Esc(f.Address.City())}\"}}"),
        new("json", TextEncoding.Json, false, (f, _, v) => $"{{\"role\":\"tool\",\"content\":\"Found 1 match:\\n\\t{v}\\n\"}}"),
        new("json", TextEncoding.Json, false, (f, _, v) => $"{{\"text\":\"\\\"{v}\\\" was on the form\",\"page\":{f.Random.Int(1, 40)}}}"),

        // CSV rows
        new("csv", TextEncoding.Plain, false, (f, _, v) => $"{f.Random.Int(1000, 99999)},{f.Name.FullName()},{v},{f.Address.City()},{f.Date.Past():yyyy-MM-dd}"),
        new("csv", TextEncoding.Plain, false, (f, _, v) => $"\"{f.Name.LastName()}\";\"{v}\";\"{f.Address.Country()}\""),

        // logs, with ANSI colours
        new("log", TextEncoding.Plain, true, (f, l, v) => $"{f.Date.Recent():yyyy-MM-ddTHH:mm:ss}Z INFO checkout {l}={v} status=ok"),
        new("log", TextEncoding.Plain, false, (f, _, v) => $"[WARN] {f.Date.Recent():HH:mm:ss} retry for {v} (attempt {f.Random.Int(2, 5)})"),
        new("log", TextEncoding.Plain, false, (f, _, v) => $"\u001b[32mINFO\u001b[0m lookup \u001b[33m{v}\u001b[0m done in {f.Random.Int(3, 900)}ms"),

        // URLs: query strings are URL-encoded
        new("url", TextEncoding.Url, true, (f, l, v) => $"https://app.example.com/search?{l}={v}&page={f.Random.Int(1, 9)}"),
        new("url", TextEncoding.Url, false, (f, _, v) => $"GET /api/v1/lookup?q={v}&sort=desc HTTP/1.1"),

        // markdown tables and lists
        new("markdown", TextEncoding.Plain, false, (f, _, v) => $"| {f.Name.FullName()} | {v} | {f.Address.City()} |"),
        new("markdown", TextEncoding.Plain, true, (f, l, v) => $"- **{l}:** {v}"),

        // config and code snippets
        new("config", TextEncoding.Plain, true, (f, l, v) => $"{l.ToUpperInvariant().Replace(' ', '_')}={v}"),
        new("config", TextEncoding.Plain, true, (f, l, v) => $"  {l.Replace(' ', '_')}: \"{v}\""),
        new("code", TextEncoding.Plain, false, (f, _, v) => $"var contact = \"{v}\"; // {f.Lorem.Word()}"),
        new("html", TextEncoding.Html, false, (f, _, v) => $"<tr><td>{f.Name.FullName()}</td><td>{v}</td></tr>"),
    ];

    private static string Esc(string s) => TextEncodings.Encode(TextEncoding.Json, s);
}
