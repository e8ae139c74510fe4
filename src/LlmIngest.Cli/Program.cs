using LlmIngest.Cli;

return await CliApplication.Create(Console.In, Console.Out, Console.Error).Parse(args).InvokeAsync().ConfigureAwait(false);
