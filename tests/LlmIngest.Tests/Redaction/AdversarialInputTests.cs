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

        // The slowest seeds a search over all strings of up to four characters from "014 -.(+:)" and "aK1@.-_ :/=" found.
        "0)", "0(", "0 ", "4.", "11 ", "0044 ", "0.4", "1:: ", "KK@", "/1@", "/- ",

        // Normalized views (escapes, encodings, entities) and context rules (keywords before values, number plans).
        "\\u004", "\\n1", "%C3%", "%4", "&#6", "&commat", "\u200b1", "ssn ", "SSN 1", "phone ", "tel 0", "0301234567,", "99 99 99 ",
    ];

    // The 200 ms per MB bound is a benchmark figure (`bench ... -- adversarial`, docs/benchmarks.md), not a test
    // assertion: a wall-clock bound fails on a loaded CI machine (it did at load 4). The test asserts the shape.

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

        foreach (var seed in Seeds.Concat(AdversarialSecretSeeds.All))
        {
            // Ten times the input may take about ten times as long, never a hundred: comparing with a tenth of the
            // input (which also warms the code paths this seed takes) shows that on a machine of any speed.
            var small = Best(redactor, Repeat(seed, Megabyte / 10), attempts: 3, enough: 0);
            var large = Best(redactor, Repeat(seed, Megabyte), attempts: 10, enough: ((20 * small) + 50) / 2);
            Assert.True(
                large <= (20 * small) + 50,
                $"{name} took {large:F1} ms on '{seed}' x {Megabyte / seed.Length} but {small:F1} ms on a tenth of it: not linear");
        }
    }

    private static double Best(PatternRedactor redactor, string text, int attempts, double enough)
    {
        var best = double.MaxValue;
        for (var attempt = 0; attempt < attempts && best > enough; attempt++)
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
