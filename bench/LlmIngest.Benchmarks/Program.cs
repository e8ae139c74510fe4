using BenchmarkDotNet.Running;
using LlmIngest.Benchmarks;

// dotnet run -c Release --project bench/LlmIngest.Benchmarks -- --filter '*Redaction*' [--job short]
// dotnet run -c Release --project bench/LlmIngest.Benchmarks -- --per-detector
if (args is ["--per-detector"])
{
    DetectorProfile.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
