using System.CommandLine;
using LlmIngest.Hosting;
using LlmIngest.Storage;

namespace LlmIngest.Cli;

/// <summary>
/// The flags every command that reads the payload store shares: the configuration file, then overrides of its
/// <c>LlmIngest:Storage</c> keys, and the tenant to read.
/// </summary>
internal sealed class StoreFlags
{
    public Option<FileInfo?> Config { get; } = CliOptions.Config();

    public Option<string?> Tenant { get; } = new("--tenant", "-t")
    {
        Description = "The tenant whose traces to read (default: the JSONL line's tenant, else LlmIngest:Storage:ReadTenant, else LlmIngest:DefaultTenant).",
    };

    public Option<string?> Bucket { get; } = new("--bucket") { Description = "Overrides LlmIngest:Storage:S3:Bucket (selects the S3 store)." };

    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "Overrides LlmIngest:Storage:S3:ServiceUrl, e.g. http://127.0.0.1:9000." };

    public Option<DirectoryInfo?> Payloads { get; } = new("--payloads") { Description = "Read a local payload folder instead (LlmIngest:Storage:Local:Directory)." };

    public void AddTo(Command command, bool withTenant = true)
    {
        command.Options.Add(Config);
        if (withTenant)
        {
            command.Options.Add(Tenant);
        }

        command.Options.Add(Bucket);
        command.Options.Add(Endpoint);
        command.Options.Add(Payloads);
    }

    public LlmTraceIngestOptions Resolve(ParseResult parseResult)
    {
        var options = CliConfiguration.LoadOptions(parseResult.GetValue(Config));
        var storage = options.Storage;
        if (parseResult.GetValue(Payloads) is { } folder)
        {
            storage.Kind = PayloadStoreKind.Local;
            storage.Local.Directory = folder.FullName;
        }

        if (parseResult.GetValue(Bucket) is { Length: > 0 } bucket)
        {
            storage.Kind = PayloadStoreKind.S3;
            storage.S3.Bucket = bucket;
        }

        if (parseResult.GetValue(Endpoint) is { Length: > 0 } endpoint)
        {
            storage.S3.ServiceUrl = endpoint;
        }

        return options;
    }
}
