using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace LlmIngest.Cli.Serve;

/// <summary>The page, script and style of the viewer, embedded in the assembly (Serve/Assets): served with their exact types.</summary>
internal static class ViewerAssets
{
    private static readonly Dictionary<string, (string Resource, string ContentType)> Files = new(StringComparer.Ordinal)
    {
        ["/"] = ("index.html", "text/html; charset=utf-8"),
        ["/app.js"] = ("app.js", "text/javascript; charset=utf-8"),
        ["/app.css"] = ("app.css", "text/css; charset=utf-8"),
        ["/favicon.svg"] = ("favicon.svg", "image/svg+xml"),
    };

    public static IEnumerable<string> Paths => Files.Keys;

    public static async Task ServeAsync(HttpContext context)
    {
        var (resource, contentType) = Files[context.Request.Path.Value ?? "/"];
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("LlmIngest.Cli.Serve.Assets." + resource)
            ?? throw new InvalidOperationException($"the viewer asset {resource} is not embedded in the assembly.");
        await using (stream.ConfigureAwait(false))
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength = stream.Length;
            await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
