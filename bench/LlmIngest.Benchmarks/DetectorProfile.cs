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
        // The whole first, then the parts: a gap between the sum of the parts and the whole means the merging costs, or
        // one detector slows another.
        var sets = new List<(string Name, IPiiDetector[] Detectors)>
        {
            ("(all detectors)", DetectorCatalog.Create()),
            ("(PII only)", DetectorCatalog.Create(DetectorCategory.Pii)),
            ("(secrets only)", DetectorCatalog.Create(DetectorCategory.Secret)),
        };
        foreach (var entry in DetectorCatalog.All)
        {
            sets.Add((entry.Name, [entry.Create()]));
        }
        foreach (var (name, detectors) in sets)
        {
            var redactor = new PatternRedactor(detectors);

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

            output.WriteLine($"{name,-26} {best,8:F2} ms  {1.0 / (best / 1000.0),8:F0} MB/s");
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
