using System.Globalization;
using System.Text;
using LlmIngest.Redaction;
using Xunit.Abstractions;

namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>
/// Recall and untouched negatives on a corpus generated with Bogus across 24 locales, so the detectors are measured on
/// values and wrappings nobody tuned them on. The seed and locales are fixed: a failure reproduces exactly.
/// </summary>
public sealed class GeneratedPiiCorpusTests(ITestOutputHelper output)
{
    private const int Seed = 20261201;

    private static readonly string[] Locales =
    [
        "en_US", "en_GB", "en_IND", "en_AU", "en_CA", "de", "de_AT", "de_CH", "fr", "es", "es_MX", "it", "nl", "pt_BR",
        "pl", "ru", "uk", "ja", "ko", "zh_CN", "tr", "sv", "nb_NO", "cz",
    ];

    private static readonly Dictionary<string, double> RecallTargets = new(StringComparer.Ordinal)
    {
        ["email"] = 0.99,
        ["card"] = 0.99,
        ["ssn"] = 0.99,
        ["iban"] = 0.99,
        ["mixed"] = 0.99,
        ["phone"] = 0.97,
        ["ip"] = 0.97,
    };

    private const double NegativesUntouchedTarget = 0.99;

    private static readonly Lazy<IReadOnlyList<GeneratedCase>> Corpus =
        new(() => GeneratedCorpus.Create(Seed, Locales, perKind: 500, mixed: 200, negatives: 1200));

    [Fact]
    public void Corpus_HasAtLeast3000Positives_And1000HardNegatives_From20Locales()
    {
        var cases = Corpus.Value;

        Assert.True(cases.Count(c => !c.IsNegative) >= 3000);
        Assert.True(cases.Count(c => c.IsNegative) >= 1000);
        Assert.True(cases.Select(c => c.Locale).Distinct().Count() >= 20);
        foreach (var c in cases)
        {
            foreach (var value in c.Values)
            {
                Assert.Contains(value, c.Text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Corpus_MeetsTheRecallTargetPerKind_AndLeavesNegativesUntouched()
    {
        var redactor = new PatternRedactor();
        var results = new Dictionary<string, (int Passed, int Total)>(StringComparer.Ordinal);
        var misses = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var c in Corpus.Value)
        {
            var redacted = redactor.Redact(c.Text, new RedactionCounts());
            var passed = true;
            foreach (var value in c.Values)
            {
                // A positive's spelling must be gone; a negative's look-alike must be there unchanged.
                passed &= redacted.Contains(value, StringComparison.Ordinal) == c.IsNegative;
            }

            var (p, t) = results.GetValueOrDefault(c.Kind);
            results[c.Kind] = (p + (passed ? 1 : 0), t + 1);
            if (!passed)
            {
                var category = $"{c.Kind} / {c.Category}";
                if (!misses.TryGetValue(category, out var list))
                {
                    misses[category] = list = [];
                }

                list.Add($"  [{c.Locale}] {Visible(c.Text)}\n      => {Visible(redacted)}");
            }
        }

        var report = new StringBuilder("kind      passed\n");
        foreach (var (kind, (passed, total)) in results.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{kind,-9} {passed,4}/{total,-4} {Ratio(passed, total),7:P2}");
        }

        var missList = new StringBuilder("misses by category:\n");
        foreach (var (category, list) in misses)
        {
            missList.AppendLine(CultureInfo.InvariantCulture, $"{category}: {list.Count}");
            foreach (var line in list.Take(15))
            {
                missList.AppendLine(line);
            }
        }

        output.WriteLine(report.ToString());
        output.WriteLine(missList.ToString());

        foreach (var (kind, target) in RecallTargets)
        {
            var (passed, total) = results[kind];
            Assert.True(Ratio(passed, total) >= target, $"{kind} recall {passed}/{total} is below {target:P0}\n{report}\n{missList}");
        }

        var (kept, negatives) = results[GeneratedCase.Negative];
        Assert.True(Ratio(kept, negatives) >= NegativesUntouchedTarget, $"negatives untouched {kept}/{negatives} is below {NegativesUntouchedTarget:P0}\n{report}\n{missList}");
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    // Invisible characters shown, so a miss report says what the detector saw.
    private static string Visible(string text) => text
        .Replace("\u200b", "<ZWSP>", StringComparison.Ordinal)
        .Replace("\u00a0", "<NBSP>", StringComparison.Ordinal)
        .Replace("\u202f", "<NNBSP>", StringComparison.Ordinal)
        .Replace("\u2009", "<THSP>", StringComparison.Ordinal)
        .Replace("\u001b", "<ESC>", StringComparison.Ordinal);
}
