using System.Net;
using System.Text.Json;
using LlmIngest.IntegrationTests.Support;

namespace LlmIngest.IntegrationTests.Cli.Serve;

/// <summary>
/// What <c>llmtrace serve</c> guarantees at the HTTP level, checked against the running process: the security headers
/// on every response, read-only, loopback Host names only, a token off loopback, and tenant confinement.
/// </summary>
public sealed class ViewerSecurityTests : IDisposable
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    private readonly TempFolder _folder = new();
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task EveryResponse_CarriesTheStrictPolicy_AndOnlyGetFromALoopbackHostIsServed()
    {
        await using var serve = await StartAsync([]);
        foreach (var path in new[] { "", "app.js", "api/calls", "api/traces/00000000000000000000000000000001", "no-such-page" })
        {
            using var response = await _http.GetAsync(new Uri(serve.BaseAddress, path));
            Assert.Equal(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }

        using (var calls = await _http.GetAsync(new Uri(serve.BaseAddress, "api/calls?session=sess-1&sort=latency")))
        {
            Assert.Equal(HttpStatusCode.OK, calls.StatusCode);
            Assert.Equal("application/json", calls.Content.Headers.ContentType!.MediaType);
            using var page = JsonDocument.Parse(await calls.Content.ReadAsStringAsync());
            Assert.True(page.RootElement.GetProperty("total").GetInt64() > 0);
        }

        using (var bad = await _http.GetAsync(new Uri(serve.BaseAddress, "api/calls?sort=drop%20table")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/json", bad.Content.Headers.ContentType!.MediaType);
        }

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            using var response = await _http.SendAsync(new HttpRequestMessage(method, new Uri(serve.BaseAddress, "api/calls")));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        }

        // A page that rebinds its own DNS name to 127.0.0.1 sends its own Host: refused.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, new Uri(serve.BaseAddress, "api/calls"));
        rebound.Headers.Host = "attacker.example";
        using var refused = await _http.SendAsync(rebound);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, refused.StatusCode);
    }

    [Fact]
    public async Task BindingBeyondLoopback_NeedsAToken_AndEveryRequestMustCarryIt()
    {
        var (exitCode, output) = await ServeProcess.RunToExitAsync(["--bind", "0.0.0.0", "--port", "0", "--log", WriteLog()]);
        Assert.Equal(1, exitCode);
        Assert.Contains("--token", output, StringComparison.Ordinal);

        await using var serve = await StartAsync(["--bind", "0.0.0.0"], new Dictionary<string, string> { ["LLMTRACE_SERVE_TOKEN"] = Token });
        Assert.EndsWith("?token=" + Token, serve.Url, StringComparison.Ordinal);
        var calls = new Uri(serve.BaseAddress, "api/calls");

        using (var none = await _http.GetAsync(calls))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Get, calls))
        {
            wrong.Headers.Authorization = new("Bearer", Token[..^1] + "0");
            using var response = await _http.SendAsync(wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var bearer = new HttpRequestMessage(HttpMethod.Get, calls))
        {
            bearer.Headers.Authorization = new("Bearer", Token);
            using var response = await _http.SendAsync(bearer);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // ?token= once: a cookie (HttpOnly, SameSite=Strict) and a redirect that drops the token from the address.
        using var first = await _http.GetAsync(new Uri(serve.BaseAddress, "?token=" + Token));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/", first.Headers.Location!.OriginalString);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, calls);
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var ok = await _http.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task ReadTenant_ConfinesTheListToThatTenant()
    {
        var records = new List<LlmTraceLogLine>();
        await using var serve = await StartAsync([], new Dictionary<string, string> { ["LlmIngest__Storage__ReadTenant"] = "acme" }, records);
        var acme = records.Count(r => r.TenantId == "acme");
        Assert.InRange(acme, 1, records.Count - 1);

        Assert.Equal(acme, await TotalAsync(serve, "api/calls"));
        Assert.Equal(0, await TotalAsync(serve, "api/calls?tenant=default"));
        var other = records.First(r => r.TenantId != "acme");
        Assert.Equal(0, await TotalAsync(serve, "api/calls?trace=" + other.TraceId));
    }

    private async Task<long> TotalAsync(ServeProcess serve, string path)
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri(serve.BaseAddress, path)));
        return document.RootElement.GetProperty("total").GetInt64();
    }

    private string WriteLog(List<LlmTraceLogLine>? records = null)
    {
        var path = _folder.Combine("traces-20261201.jsonl");
        if (!File.Exists(path))
        {
            SyntheticTraceLog.Write(path, 500, seed: 17, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(5), records is null ? null : records.Add);
        }

        return path;
    }

    private Task<ServeProcess> StartAsync(string[] arguments, IReadOnlyDictionary<string, string>? environment = null, List<LlmTraceLogLine>? records = null) =>
        ServeProcess.StartAsync(["--port", "0", "--log", WriteLog(records), "--payloads", _folder.Combine("payloads"), .. arguments], environment);
}
