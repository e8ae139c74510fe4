using System.Diagnostics;
using LlmIngest.Redaction;

namespace LlmIngest.Tests.Redaction;

public sealed class AdversarialInputTests
{
    private const int Megabyte = 1 << 20;

    // Near-misses of every detector, repeated: each almost starts a finding and then fails late.
    private static readonly string[] Seeds =
    [
        "a", "1", "@", "a@", "a.a@a.", "1 ", "1-", "12-", "123-45-", "+1 ", "(1", "0 1", "4111 1111 ", "DE89 ",
        "DE89", "1.1.1.", "1.", "1:", "::", "a:", "sk-", "sk-ant-a-", "sk-aB1", "AKIA", "ASIAAAAA", "aws ", "secret=aB1/",
        "ghp_", "gh", "github_pat_", "xoxb-", "AIza", "sk_live_", "k_", "eyJ", "eyJa.eyJ", "Bearer ", "Bearer a",
        "-----BEGIN ", "-----BEGIN PRIVATE KEY-----", "-----END ", "Password=", "pwd:", "a://", "a://b:", "a://b:c",
    ];

    public static TheoryData<string> Detectors()
    {
        var data = new TheoryData<string>();
        foreach (var entry in DetectorCatalog.All)
        {
            data.Add(entry.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void Detector_OnAMegabyteOfEachAdversarialPattern_TakesTimeLinearInItsLength(string name)
    {
        var redactor = new PatternRedactor([DetectorCatalog.All.Single(e => e.Name == name).Create()]);
        redactor.Redact("warm-up 4111 1111 1111 1111 a@example.com sk-aB1 eyJa.eyJb.c 1.2.3.4 ::1 Password=x", new RedactionCounts());

        foreach (var seed in Seeds)
        {
            // Linear time is the property that matters: ten times the input may take about ten times as long, never
            // a hundred. Comparing with a tenth of the input keeps the check independent of how busy the machine is;
            // the wall-clock figures come from the benchmark (docs/benchmarks.md).
            var small = Best(redactor, Repeat(seed, Megabyte / 10));
            var large = Best(redactor, Repeat(seed, Megabyte));
            Assert.True(
                large <= (20 * small) + 50,
                $"{name} took {large} ms on '{seed}' x {Megabyte / seed.Length} but {small} ms on a tenth of it: not linear");
        }
    }

    private static double Best(PatternRedactor redactor, string text)
    {
        var best = double.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var stopwatch = Stopwatch.StartNew();
            redactor.Redact(text, new RedactionCounts());
            best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
        }

        return best;
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
