using System.CommandLine;
using LlmIngest.Cli.Storage;

namespace LlmIngest.Cli.Commands;

/// <summary>
/// <c>llmtrace retention show|apply</c>: compares the bucket's lifecycle rules with the configured retention classes
/// (exit <see cref="ExitCodes.RetentionDiffers"/> when they differ), or applies them, keeping the bucket's other rules.
/// </summary>
internal static class RetentionCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("retention", "The bucket's lifecycle rules vs the configured retention classes (LlmIngest:Storage:Retention).");
        command.Subcommands.Add(Show(output, error));
        command.Subcommands.Add(Apply(output, error));
        return command;
    }

    private static Command Show(TextWriter output, TextWriter error)
    {
        var store = new StoreFlags();
        var command = new Command("show", "Print the configured rules, the bucket's rules and their differences.");
        store.AddTo(command, withTenant: false);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(error, async () =>
        {
            var options = store.Resolve(parseResult);
            using var connection = PayloadStoreConnection.Open(options);
            connection.RequireS3();
            var retention = options.Storage.Retention;
            var report = await connection.CallAsync(ct => connection.Reader.CompareRetentionRulesAsync(ct), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"configured (tag {retention.TagKey}; {string.Join(", ", retention.Classes.Select(c => $"{c.Key}={c.Value} days"))}):").ConfigureAwait(false);
            foreach (var rule in report.Configured)
            {
                await output.WriteLineAsync($"  {rule}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"{connection.Location} ({report.InBucket.Count} rule(s)):").ConfigureAwait(false);
            foreach (var rule in report.InBucket)
            {
                await output.WriteLineAsync($"  {rule}").ConfigureAwait(false);
            }

            var differences = report.Differences;
            if (differences.Count == 0)
            {
                await output.WriteLineAsync("in step: the bucket enforces the configured retention classes.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync($"{differences.Count} difference(s):").ConfigureAwait(false);
            foreach (var difference in differences)
            {
                await output.WriteLineAsync($"  {difference}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("llmtrace: the bucket's lifecycle rules differ from the configuration; `llmtrace retention apply` puts the configured ones in place.").ConfigureAwait(false);
            return ExitCodes.RetentionDiffers;
        }));
        return command;
    }

    private static Command Apply(TextWriter output, TextWriter error)
    {
        var store = new StoreFlags();
        var command = new Command("apply", "Put the configured rules into the bucket's lifecycle configuration (other rules are kept).");
        store.AddTo(command, withTenant: false);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(error, async () =>
        {
            var options = store.Resolve(parseResult);
            using var connection = PayloadStoreConnection.Open(options);
            connection.RequireS3();
            var count = await connection.CallAsync(ct => connection.Reader.ApplyRetentionRulesAsync(ct), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"applied {count} llmingest rule(s) to {connection.Location}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
