using BenchmarkDotNet.Running;
using LlmIngest.Benchmarks;
using LlmIngest.Benchmarks.Load;
using LlmIngest.Benchmarks.Storage;

// BenchmarkDotNet: dotnet run -c Release --project bench/LlmIngest.Benchmarks -- --filter '*' [--job short]
// Load modes (docs/benchmarks.md): e2e [--count 5000 --size 8192 --concurrency 8 --rounds 5 --batch-size 256 --encryption S3Managed|None] | memory-drop | memory-wait
//   [--count 1000000 --size 8192 --spool-max-bytes 1073741824 --capacity 10000]
// Spool replay vs live uploads: spool-replay [--count 3000 --size 8192 --concurrency 8 --rounds 4]
// Fleet index (docs/benchmarks.md): fleet-index [--count 1000000 --instances 12 --hours 24 --segment-lines 18000 --session-calls 20 --keep 0]
// Trace viewer (llmtrace serve, docs/benchmarks.md): viewer [--count 1000000 --steps 50 --runs 7]
// Redaction per detector (rough, Stopwatch): --per-detector | worst input per detector (search): adversarial
var mode = args.Length > 0 ? args[0] : string.Empty;
var options = new LoadArguments(args);
return mode switch
{
    "e2e" => await EndToEndLoad.RunAsync(options),
    "spool-replay" => await SpoolReplayBenchmarks.RunAsync(options),
    "memory-drop" => await SpoolMemoryLoad.RunAsync(options, wait: false),
    "memory-wait" => await SpoolMemoryLoad.RunAsync(options, wait: true),
    "fleet-index" => await FleetIndexLoad.RunAsync(options),
    "viewer" => await ViewerLoad.RunAsync(options),
    "--per-detector" => PerDetector(),
    "adversarial" => AdversarialSearch.Run(Console.Out),
    _ => Run(args),
};

static int PerDetector()
{
    DetectorProfile.Run(Console.Out);
    return 0;
}

// A benchmark that throws (a failed setup or cleanup check) makes the run fail, so the CI smoke run catches it.
static int Run(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
    var failed = summaries.Count(s => s.HasCriticalValidationErrors) + summaries.Sum(s => s.Reports.Count(r => !r.Success));
    if (failed > 0)
    {
        Console.Error.WriteLine($"{failed} benchmark(s) failed or did not validate.");
    }

    return failed > 0 ? 1 : 0;
}
