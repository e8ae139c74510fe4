using System.CommandLine;
using LlmIngest.Storage;

namespace LlmIngest.Cli.Fleet;

/// <summary>
/// The flags of the commands that read the logs and, without <c>--log</c>, the fleet index in the bucket: where the
/// index cache lives and overrides of the bucket and endpoint of <c>LlmIngest:Storage:S3</c>.
/// </summary>
internal sealed class FleetFlags
{
    public Option<string?> Cache { get; } = new("--cache")
    {
        Description = "The fleet index cache folder (default $LLMTRACE_CACHE, else $XDG_CACHE_HOME/llmtrace/index, else ~/.cache/llmtrace/index).",
    };

    public Option<string?> Bucket { get; } = new("--bucket") { Description = "Overrides LlmIngest:Storage:S3:Bucket: read the fleet index of this bucket when no --log is given." };

    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "Overrides LlmIngest:Storage:S3:ServiceUrl, e.g. http://127.0.0.1:9000." };

    public void AddTo(Command command)
    {
        command.Options.Add(Cache);
        command.Options.Add(Bucket);
        command.Options.Add(Endpoint);
    }

    public void Apply(ParseResult parseResult, LlmTraceIngestOptions options)
    {
        if (parseResult.GetValue(Bucket) is { Length: > 0 } bucket)
        {
            options.Storage.Kind = PayloadStoreKind.S3;
            options.Storage.S3.Bucket = bucket;
        }

        if (parseResult.GetValue(Endpoint) is { Length: > 0 } endpoint)
        {
            options.Storage.S3.ServiceUrl = endpoint;
        }
    }
}
