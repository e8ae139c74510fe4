using System.Globalization;
using System.Text;
using LlmIngest.Redaction;
using Xunit.Abstractions;

namespace LlmIngest.Tests.Redaction.Corpus;

public sealed class RedactionCorpusTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, double> RecallTargets = new(StringComparer.Ordinal)
    {
        ["email"] = 0.99,
        ["card"] = 0.99,
        ["ssn"] = 0.99,
        ["iban"] = 0.99,
        ["secrets"] = 0.99,
        ["phone"] = 0.95,
        ["ip"] = 0.95,
    };

    private const double NegativesUntouchedTarget = 0.98;

    // Precision is not an acceptance figure; this floor only catches a detector that starts firing on other kinds.
    private const double PrecisionFloor = 0.95;

    [Fact]
    public void Corpus_HasAtLeast400LabeledCases_OfEveryKind()
    {
        var cases = LoadCorpus();

        Assert.True(cases.Count >= 400, $"{cases.Count} cases");
        Assert.True(cases.Count(c => c.IsNegative) >= 100);
        foreach (var group in RecallTargets.Keys)
        {
            Assert.True(cases.Count(c => GroupOf(c.Kind) == group) >= 20, $"too few {group} cases");
        }
    }

    [Fact]
    public void Corpus_MeetsTheRecallTargetPerType_AndLeavesNegativesUntouched()
    {
        var cases = LoadCorpus();
        var redactor = new PatternRedactor();
        var positives = new Dictionary<string, (int Found, int Total)>(StringComparer.Ordinal);
        var findings = new Dictionary<string, (int Right, int Total)>(StringComparer.Ordinal);
        var misses = new StringBuilder();
        int untouched = 0, negatives = 0;

        foreach (var c in cases)
        {
            var counts = new RedactionCounts();
            var redacted = redactor.Redact(c.Text, counts);
            foreach (var (kind, count) in counts.ByKind)
            {
                var (right, total) = findings.GetValueOrDefault(GroupOf(kind));
                findings[GroupOf(kind)] = (right + (GroupOf(kind) == GroupOf(c.Kind) ? count : 0), total + count);
            }

            if (c.IsNegative)
            {
                negatives++;
                if (redacted == c.Text)
                {
                    untouched++;
                }
                else
                {
                    misses.AppendLine(CultureInfo.InvariantCulture, $"line {c.Line} negative changed: {redacted}");
                }

                continue;
            }

            var group = GroupOf(c.Kind);
            var found = !redacted.Contains(c.Value, StringComparison.Ordinal) && counts.ByKind.ContainsKey(c.Kind);
            var (f, t) = positives.GetValueOrDefault(group);
            positives[group] = (f + (found ? 1 : 0), t + 1);
            if (!found)
            {
                misses.AppendLine(CultureInfo.InvariantCulture, $"line {c.Line} {c.Kind} missed: {redacted}");
            }
        }

        var report = new StringBuilder("type      recall            precision\n");
        foreach (var (group, (found, total)) in positives.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (right, all) = findings.GetValueOrDefault(group);
            report.AppendLine(CultureInfo.InvariantCulture, $"{group,-9} {found,3}/{total,-3} {Ratio(found, total),7:P1}   {right,3}/{all,-3} {Ratio(right, all),7:P1}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"negatives untouched {untouched}/{negatives} {Ratio(untouched, negatives):P1}");
        output.WriteLine(report.ToString());
        output.WriteLine(misses.ToString());

        foreach (var (group, target) in RecallTargets)
        {
            var (found, total) = positives[group];
            Assert.True(Ratio(found, total) >= target, $"{group} recall {found}/{total} is below {target:P0}\n{report}\n{misses}");
            var (right, all) = findings.GetValueOrDefault(group);
            Assert.True(Ratio(right, all) >= PrecisionFloor, $"{group} precision {right}/{all} is below {PrecisionFloor:P0}\n{report}\n{misses}");
        }

        Assert.True(Ratio(untouched, negatives) >= NegativesUntouchedTarget, $"negatives untouched {untouched}/{negatives}\n{report}\n{misses}");
    }

    private static IReadOnlyList<CorpusCase> LoadCorpus() =>
        CorpusCase.Load(Path.Combine(AppContext.BaseDirectory, "Redaction", "Corpus", "redaction-corpus.tsv"));

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    private static string GroupOf(string kind) => kind switch
    {
        "email" or "card" or "ssn" or "iban" or "phone" or "ip" or "none" => kind,
        _ => "secrets",
    };
}
