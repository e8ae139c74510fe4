using System.Globalization;
using System.Text;
using LlmIngest.Redaction;
using Xunit.Abstractions;

namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>
/// The generated secrets corpus (<see cref="SecretsCorpusGenerator"/>) through the default redactor: every secret gone,
/// every hard negative unchanged, and what sits next to a secret (a URL's host) kept. The seed is fixed so a failure
/// reproduces; the report lists misses by category.
/// </summary>
public sealed class SecretsCorpusTests(ITestOutputHelper output)
{
    private const int Seed = 20261201;
    private const double RecallTarget = 0.99;
    private const double NegativesUntouchedTarget = 0.99;

    [Fact]
    public void GeneratedCorpus_HasAThousandPositivesAndFiveHundredHardNegatives_FromEveryShape()
    {
        var samples = SecretsCorpusGenerator.Generate(Seed);

        Assert.True(samples.Count(s => !s.IsNegative) >= 1000, $"{samples.Count(s => !s.IsNegative)} positives");
        Assert.True(samples.Count(s => s.IsNegative) >= 500, $"{samples.Count(s => s.IsNegative)} negatives");
        Assert.True(SecretShapes.All.Select(s => s.Category).Distinct().Count() >= 40, "fewer than 40 secret formats");
        foreach (var shape in SecretShapes.All)
        {
            Assert.Contains(samples, s => s.Category == shape.Category);
        }
    }

    [Fact]
    public void GeneratedCorpus_RedactsEverySecret_AndLeavesHardNegativesUntouched()
    {
        var samples = SecretsCorpusGenerator.Generate(Seed);
        var redactor = new PatternRedactor();
        var missed = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var changed = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var overRedacted = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        int found = 0, positives = 0, untouched = 0, negatives = 0;

        foreach (var sample in samples)
        {
            var counts = new RedactionCounts();
            var redacted = redactor.Redact(sample.Text, counts);
            if (sample.IsNegative)
            {
                negatives++;
                if (redacted == sample.Text)
                {
                    untouched++;
                }
                else
                {
                    Add(changed, sample.Category, redacted);
                }

                continue;
            }

            positives++;
            if (!redacted.Contains(sample.Secret!, StringComparison.Ordinal) && counts.Total > 0)
            {
                found++;
            }
            else
            {
                Add(missed, sample.Category, redacted);
            }

            if (sample.Keep is not null && !redacted.Contains(sample.Keep, StringComparison.Ordinal))
            {
                Add(overRedacted, sample.Category, redacted);
            }
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"seed {Seed}: secrets found {found}/{positives} ({Ratio(found, positives):P2}), negatives untouched {untouched}/{negatives} ({Ratio(untouched, negatives):P2})");
        AppendByCategory(report, "missed", missed);
        AppendByCategory(report, "negative changed", changed);
        AppendByCategory(report, "lost what it had to keep", overRedacted);
        output.WriteLine(report.ToString());

        Assert.True(Ratio(found, positives) >= RecallTarget, report.ToString());
        Assert.True(Ratio(untouched, negatives) >= NegativesUntouchedTarget, report.ToString());
        Assert.True(overRedacted.Count == 0, report.ToString());
    }

    private static void Add(SortedDictionary<string, List<string>> byCategory, string category, string text)
    {
        if (!byCategory.TryGetValue(category, out var list))
        {
            byCategory[category] = list = [];
        }

        list.Add(text);
    }

    private static void AppendByCategory(StringBuilder report, string what, SortedDictionary<string, List<string>> byCategory)
    {
        foreach (var (category, texts) in byCategory)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{what} [{category}] x{texts.Count}");
            foreach (var text in texts.Take(5))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"    {text.Replace("\n", "\\n", StringComparison.Ordinal)}");
            }
        }
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}
