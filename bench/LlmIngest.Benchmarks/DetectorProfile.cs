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

            // Warm up for a second: the runtime only swaps in optimized code after a quiet spell, and twenty runs of a
            // few milliseconds each measured unoptimized code (single detectors slower than all twenty together).
            var warmUp = Stopwatch.StartNew();
            while (warmUp.ElapsedMilliseconds < 1000)
            {
                RedactAll(redactor, messages);
            }

            var best = double.MaxValue;
            for (var run = 0; run < 20; run++)
            {
                var stopwatch = Stopwatch.StartNew();
                RedactAll(redactor, messages);
                best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
            }

            output.WriteLine($"{entry.Name,-26} {best,8:F2} ms  {1.0 / (best / 1000.0),8:F0} MB/s");
        }
    }

    private static void RedactAll(PatternRedactor redactor, IReadOnlyList<string> messages)
    {
        foreach (var message in messages)
        {
            redactor.Redact(message, new RedactionCounts());
        }
    }
}
