using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using LlmIngest.Cli.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Cli.Serve;

/// <summary>
/// The viewer's web app: Kestrel on the chosen address, the embedded page, and three read-only JSON endpoints:
/// <c>/api/info</c>, <c>/api/calls</c> (a filtered, sorted page of the index) and <c>/api/traces/{id}</c> (every step
/// with its verified payload). Runs until <paramref name="cancellationToken"/> is cancelled (Ctrl+C, SIGTERM).
/// </summary>
internal static class ViewerServer
{
    public static async Task RunAsync(
        ServeSettings settings, CallTable table, PayloadStoreConnection store, RedactionOptions redaction, string sourceNote, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(settings.Address, settings.Port));
        var app = builder.Build();
        var security = new ViewerSecurity(settings, host => IsAllowedHost(settings.Address, host));
        app.Use(security.InvokeAsync);
        foreach (var path in ViewerAssets.Paths)
        {
            app.MapGet(path, ViewerAssets.ServeAsync);
        }

        app.MapGet("/api/info", context => JsonAsync(context, error, (json, _) =>
        {
            json.WriteStartObject();
            json.WriteNumber("calls", table.Rows);
            json.WriteNumber("load_ms", Math.Round(table.LoadTime.TotalMilliseconds));
            json.WriteString("source", sourceNote);
            json.WriteString("store", store.Location);
            json.WriteString("confined_tenant", settings.ConfinedTenant);
            json.WriteEndObject();
            return Task.CompletedTask;
        }));
        app.MapGet("/api/calls", context => JsonAsync(context, error, (json, ct) =>
            table.WritePageAsync(CallQuery.Parse(context.Request.Query, redaction, DateTimeOffset.UtcNow), json, ct)));
        app.MapGet("/api/traces/{id}", context => JsonAsync(context, error, (json, ct) =>
        {
            var id = TraceIdInput.Parse(context.Request.RouteValues["id"] as string).TraceId;
            return TraceDocument.WriteAsync(table, store, settings.ConfinedTenant, settings.FallbackTenant, id, json, ct);
        }));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var url = address.TrimEnd('/') + "/" + (settings.Token is null ? string.Empty : "?token=" + Uri.EscapeDataString(settings.Token));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"llmtrace serve: {table.Rows:N0} call(s) loaded in {table.LoadTime.TotalSeconds:0.0} s; {sourceNote}")).ConfigureAwait(false);
            await output.WriteLineAsync($"llmtrace serve: listening on {url} (read-only; Ctrl+C stops)").ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (settings.Open)
            {
                OpenBrowser(url, error);
            }

            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: stop below.
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>On loopback only the loopback names are served: a page that rebinds its own DNS name to 127.0.0.1 is refused.</summary>
    private static bool IsAllowedHost(IPAddress bound, string host) =>
        !IPAddress.IsLoopback(bound)
        || host is "localhost" or "127.0.0.1" or "[::1]" or "::1"
        || (IPAddress.TryParse(host.Trim('[', ']'), out var literal) && IPAddress.IsLoopback(literal));

    private static async Task JsonAsync(HttpContext context, TextWriter error, Func<Utf8JsonWriter, CancellationToken, Task> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
        var status = StatusCodes.Status200OK;
        var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
        await using (json.ConfigureAwait(false))
        {
            try
            {
                await write(json, context.RequestAborted).ConfigureAwait(false);
                await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FormatException or CliException or UnauthorizedAccessException)
            {
                status = e switch
                {
                    CliException { ExitCode: ExitCodes.Usage } or FormatException => StatusCodes.Status400BadRequest,
                    UnauthorizedAccessException => StatusCodes.Status403Forbidden,
                    _ => StatusCodes.Status502BadGateway,
                };
                buffer.Clear();
                json.Reset(buffer);
                json.WriteStartObject();
                json.WriteString("error", e.Message);
                json.WriteEndObject();
                await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                if (status == StatusCodes.Status502BadGateway)
                {
                    await error.WriteLineAsync($"llmtrace serve: {context.Request.Path}: {e.Message}").ConfigureAwait(false);
                }
            }
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static void OpenBrowser(string url, TextWriter error)
    {
        try
        {
            var start = OperatingSystem.IsWindows()
                ? new ProcessStartInfo(url) { UseShellExecute = true }
                : new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open") { UseShellExecute = false };
            if (!OperatingSystem.IsWindows())
            {
                start.ArgumentList.Add(url);
            }

            using var process = Process.Start(start);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            error.WriteLine($"llmtrace serve: could not open a browser ({e.Message}); open {url} yourself.");
        }
    }
}
