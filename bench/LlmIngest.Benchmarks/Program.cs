using BenchmarkDotNet.Running;
using LlmIngest.Benchmarks;
using LlmIngest.Benchmarks.Load;

// BenchmarkDotNet: dotnet run -c Release --project bench/LlmIngest.Benchmarks -- --filter '*' [--job short]
// Load modes (docs/benchmarks.md): e2e [--count 5000 --size 8192 --concurrency 8] | memory-drop | memory-wait
//   [--count 1000000 --size 8192 --spool-max-bytes 1073741824 --capacity 10000]
// Redaction per detector (rough, Stopwatch): --per-detector | worst input per detector (search): adversarial
var mode = args.Length > 0 ? args[0] : string.Empty;
var options = new LoadArguments(args);
return mode switch
{
    "e2e" => await EndToEndLoad.RunAsync(options),
    "memory-drop" => await SpoolMemoryLoad.RunAsync(options, wait: false),
    "memory-wait" => await SpoolMemoryLoad.RunAsync(options, wait: true),
    "--per-detector" => PerDetector(),
    "adversarial" => AdversarialSearch.Run(Console.Out),
    _ => Run(args),
};

static int PerDetector()
{
    DetectorProfile.Run(Console.Out);
    return 0;
}

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
