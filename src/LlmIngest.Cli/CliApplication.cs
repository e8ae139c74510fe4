using System.CommandLine;
using LlmIngest.Cli.Commands;

namespace LlmIngest.Cli;

/// <summary>The <c>llmtrace</c> root command. A new command is one file under Commands/ and one line here.</summary>
internal static class CliApplication
{
    public static RootCommand Create(TextReader input, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("llmtrace: tools for LlmIngest traces.");
        root.Subcommands.Add(RedactCommand.Create(input, output, error));
        root.Subcommands.Add(GetCommand.Create(output, error));
        root.Subcommands.Add(VerifyCommand.Create(output, error));
        root.Subcommands.Add(UrlCommand.Create(output, error));
        root.Subcommands.Add(FindCommand.Create(output, error));
        root.Subcommands.Add(StatsCommand.Create(output, error));
        root.Subcommands.Add(ReportCommand.Create(output, error));
        root.Subcommands.Add(SqlCommand.Create(output, error));
        root.Subcommands.Add(RetentionCommand.Create(output, error));
        root.Subcommands.Add(Serve.ServeCommand.Create(output, error));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/> with the given writers (the tests' entry point too).</summary>
    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = true };
        return Create(input, output, error).Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
