using System.Diagnostics;
using LlmIngest.Redaction;

namespace LlmIngest.Benchmarks;

/// <summary>
/// A quick per-detector breakdown (<c>-- --per-detector</c>): each built-in detector alone over the benchmark corpus,
/// best of 20 runs after a warm-up. A guide for where to optimise, not a substitute for the BenchmarkDotNet figures.
/// </summary>
internal static class DetectorProfile
{
    public static void Run(TextWriter output)
    {
        var messages = PromptCorpus.Create(ThroughputConfig.CorpusChars);
        foreach (var entry in DetectorCatalog.All)
        {
            var redactor = new PatternRedactor([entry.Create()]);
            var best = double.MaxValue;
            for (var run = 0; run < 21; run++)
            {
                var stopwatch = Stopwatch.StartNew();
                foreach (var message in messages)
                {
                    redactor.Redact(message, new RedactionCounts());
                }

                if (run > 0)
                {
                    best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
                }
            }

            output.WriteLine($"{entry.Name,-26} {best,8:F2} ms  {1.0 / (best / 1000.0),8:F0} MB/s");
        }
    }
}
