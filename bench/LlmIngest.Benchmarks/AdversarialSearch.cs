using System.Diagnostics;
using LlmIngest.Redaction;

namespace LlmIngest.Benchmarks;

/// <summary>
/// The worst input each detector meets (<c>-- adversarial</c>): every string of up to three characters from an alphabet
/// of the characters detectors key on, plus each secret's prefix and near-misses, repeated to 64 KB and timed for each
/// detector alone; the three slowest seeds per detector are then repeated to 1 MB and timed (fastest of 5 warm runs).
/// A search rather than a fixed list, so a pattern that nobody thought of still shows up.
/// </summary>
internal static class AdversarialSearch
{
    private const int ScreenLength = 1 << 16;
    private const int Megabyte = 1 << 20;
    private const string Alphabet = "014 -.(+:)aK@_/=";

    private static readonly string[] Prefixes =
    [
        "sk-", "sk-ant-", "sk-proj-", "AKIA", "aws ", "secret=", "ghp_", "github_pat_", "xoxb-", "AIza", "sk_live_",
        "eyJ", "eyJa.eyJ", "Bearer ", "-----BEGIN ", "-----BEGIN PRIVATE KEY-----", "Password=", "pwd:", "a://b:", "DE89 ",
        "4111 1111 ", "0044 ", "123-45-", "1.1.1.", "::",
    ];

    public static int Run(TextWriter output)
    {
        var seeds = new List<string>(Prefixes);
        var level = new List<string> { string.Empty };
        for (var length = 1; length <= 3; length++)
        {
            level = [.. level.SelectMany(s => Alphabet.Select(c => s + c))];
            seeds.AddRange(level);
        }

        output.WriteLine($"adversarial: {seeds.Count} seeds at {ScreenLength / 1024} KB per detector, the 3 slowest at 1 MB (fastest of 5)");
        output.WriteLine();
        output.WriteLine("| detector | slowest seed | 1 MB: ms | 2nd | 3rd |");
        output.WriteLine("|---|---|---:|---:|---:|");
        var worst = 0.0;
        foreach (var entry in DetectorCatalog.All)
        {
            var redactor = new PatternRedactor([entry.Create()]);
            var screened = new List<(double Ms, string Seed)>(seeds.Count);
            foreach (var seed in seeds)
            {
                screened.Add((Fastest(redactor, Repeat(seed, ScreenLength), 2), seed));
            }

            var confirmed = screened
                .OrderByDescending(s => s.Ms)
                .Take(3)
                .Select(s => (Ms: Fastest(redactor, Repeat(s.Seed, Megabyte), 5), s.Seed))
                .OrderByDescending(s => s.Ms)
                .ToList();
            worst = Math.Max(worst, confirmed[0].Ms);
            output.WriteLine($"| {entry.Name} | `{confirmed[0].Seed}` | {confirmed[0].Ms:F1} | {confirmed[1].Ms:F1} (`{confirmed[1].Seed}`) | {confirmed[2].Ms:F1} (`{confirmed[2].Seed}`) |");
        }

        output.WriteLine();
        output.WriteLine($"worst: {worst:F1} ms per MB");
        return 0;
    }

    private static double Fastest(PatternRedactor redactor, string text, int runs)
    {
        redactor.Redact(text, new RedactionCounts());
        var best = double.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            redactor.Redact(text, new RedactionCounts());
            best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
        }

        return best * Megabyte / text.Length;
    }

    private static string Repeat(string seed, int length) =>
        string.Create(length, seed, static (span, s) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = s[i % s.Length];
            }
        });
}
