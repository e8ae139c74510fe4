using System.CommandLine;
using System.Net;
using LlmIngest.Cli.Fleet;
using LlmIngest.Cli.Logs;
using LlmIngest.Cli.Storage;

namespace LlmIngest.Cli.Serve;

/// <summary>
/// <c>llmtrace serve [--port N] [--bind ADDR --token T] [--log PATH…|bucket config] [--open]</c>: the trace viewer in a
/// browser. Loads the index lines (the local logs, or the bucket's fleet index as the other commands read it) into an
/// in-memory table, reads payloads through the configured store, and serves a read-only page on 127.0.0.1. Any other
/// address needs a token (<c>--token</c> or <c>$LLMTRACE_SERVE_TOKEN</c>). <c>LlmIngest:Storage:ReadTenant</c> (or
/// <c>--tenant</c>) confines the viewer to one tenant's lines and payloads.
/// </summary>
internal static class ServeCommand
{
    public const string TokenVariable = "LLMTRACE_SERVE_TOKEN";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var port = new Option<int>("--port", "-p") { Description = "The port to listen on (0 = any free port; the address is printed).", DefaultValueFactory = _ => 5317 };
        var bind = new Option<string>("--bind") { Description = "The address to listen on; anything but loopback needs --token.", DefaultValueFactory = _ => "127.0.0.1" };
        var token = new Option<string?>("--token") { Description = $"A token every request must carry (default ${TokenVariable}); required with a --bind other than loopback." };
        var open = new Option<bool>("--open") { Description = "Open the viewer in the default browser." };
        var logs = CliOptions.Logs();
        var window = new LogWindow();
        window.Tenant.Description = "Only this tenant's calls and payloads (as LlmIngest:Storage:ReadTenant).";
        var fleetFlags = new FleetFlags();
        var payloads = new Option<DirectoryInfo?>("--payloads") { Description = "Read payloads from a local folder (LlmIngest:Storage:Local:Directory)." };
        var config = CliOptions.Config();
        var command = new Command("serve", "Browse calls, traces and sessions in a local, read-only web viewer.") { port, bind, token, open, logs, config, payloads };
        window.AddTo(command);
        fleetFlags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(error, async () =>
        {
            var options = CliConfiguration.LoadOptions(parseResult.GetValue(config));
            var logPaths = parseResult.GetValue(logs);
            if (parseResult.GetValue(payloads) is { } folder)
            {
                options.Storage.Kind = PayloadStoreKind.Local;
                options.Storage.Local.Directory = folder.FullName;
            }

            fleetFlags.Apply(parseResult, options);
            var query = window.Query(parseResult);
            var confined = query.TenantId ?? options.Storage.ReadTenant;
            if (confined is not null && !LlmTracePayloadReader.IsValidTenantId(confined))
            {
                throw new CliException(ExitCodes.Usage, $"'{confined}' is not a tenant id: 1-64 characters of [A-Za-z0-9._-] starting with a letter or digit.");
            }

            if (options.Storage.ReadTenant is { } readTenant && query.TenantId is { } flag && !string.Equals(readTenant, flag, StringComparison.Ordinal))
            {
                throw new CliException(ExitCodes.InvalidConfiguration, $"--tenant {flag} is outside LlmIngest:Storage:ReadTenant ({readTenant}): this configuration may read only that tenant.");
            }

            options.Storage.ReadTenant = confined;
            var settings = Settings(parseResult.GetValue(bind)!, parseResult.GetValue(port), parseResult.GetValue(token), confined, options, parseResult.GetValue(open));
            var source = await LogSource.ResolveAsync(logPaths, options, parseResult.GetValue(fleetFlags.Cache), query with { TenantId = confined }, error, "serve", cancellationToken).ConfigureAwait(false);
            using var store = PayloadStoreConnection.Open(options);
            using var table = await CallTable.LoadAsync(source.Files, confined, cancellationToken).ConfigureAwait(false);
            var note = source.FleetNote ?? $"{source.Files.Count} log file(s)";
            await ViewerServer.RunAsync(settings, table, store, options.Redaction, note, output, error, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static ServeSettings Settings(string bind, int port, string? token, string? confined, LlmTraceIngestOptions options, bool open)
    {
        if (!IPAddress.TryParse(bind, out var address))
        {
            throw new CliException(ExitCodes.Usage, $"--bind takes an IP address (127.0.0.1, ::1, 0.0.0.0, …), not '{bind}'.");
        }

        if (port is < 0 or > 65535)
        {
            throw new CliException(ExitCodes.Usage, $"--port must be 0-65535 (got {port}).");
        }

        token ??= Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        if (token is { Length: < 16 })
        {
            throw new CliException(ExitCodes.Usage, "the token must be at least 16 characters (e.g. openssl rand -hex 16).");
        }

        if (!IPAddress.IsLoopback(address) && token is null)
        {
            throw new CliException(ExitCodes.Usage, $"--bind {bind} exposes prompts and responses beyond this machine: give --token T (or ${TokenVariable}), at least 16 characters.");
        }

        return new ServeSettings(address, port, token, confined, options.Storage.ReadTenant ?? options.DefaultTenant, open);
    }
}
