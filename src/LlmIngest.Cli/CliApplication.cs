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
        return root;
    }
}
