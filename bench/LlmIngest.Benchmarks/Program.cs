using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/LlmIngest.Benchmarks -- --filter '*Redaction*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
