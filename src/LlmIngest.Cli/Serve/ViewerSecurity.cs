using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace LlmIngest.Cli.Serve;

/// <summary>
/// What every response carries and every request must pass. Prompts and responses are attacker-controlled text, so the
/// page runs under a strict Content-Security-Policy (no inline script or style, nothing from elsewhere) and renders data
/// as text only. The viewer is read-only: anything but GET and HEAD is refused. A request whose Host is not the address
/// served is refused (a DNS-rebinding page cannot read a loopback viewer). With a token, each request must carry it: the
/// <c>Authorization: Bearer</c> header or the cookie that <c>?token=</c> sets once (then redirected away, so the token
/// leaves the address bar and history).
/// </summary>
internal sealed class ViewerSecurity(ServeSettings settings, Func<string, bool> isAllowedHost)
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string CookieName = "llmtrace_token";

    private readonly byte[]? _token = settings.Token is null ? null : Encoding.UTF8.GetBytes(settings.Token);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.CacheControl = "no-store";

        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            headers.Allow = "GET, HEAD";
            await RefuseAsync(context, StatusCodes.Status405MethodNotAllowed, "the viewer is read-only").ConfigureAwait(false);
            return;
        }

        if (!isAllowedHost(request.Host.Host))
        {
            await RefuseAsync(context, StatusCodes.Status421MisdirectedRequest, "unknown Host").ConfigureAwait(false);
            return;
        }

        if (_token is not null)
        {
            if (request.Query.TryGetValue("token", out var fromQuery))
            {
                if (!Matches(fromQuery))
                {
                    await RefuseAsync(context, StatusCodes.Status401Unauthorized, "wrong token").ConfigureAwait(false);
                    return;
                }

                context.Response.Cookies.Append(CookieName, settings.Token!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
                context.Response.Redirect(request.PathBase + request.Path, permanent: false);
                return;
            }

            var bearer = request.Headers.Authorization.ToString();
            var presented = bearer.StartsWith("Bearer ", StringComparison.Ordinal) ? bearer[7..] : request.Cookies[CookieName];
            if (!Matches(presented))
            {
                await RefuseAsync(context, StatusCodes.Status401Unauthorized, "this viewer needs its token: open the address printed by llmtrace serve (…/?token=…)").ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private bool Matches(StringValues presented) =>
        presented.Count == 1 && presented[0] is { } text && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(text), _token);

    private static Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("llmtrace serve: " + message + "\n");
    }
}
