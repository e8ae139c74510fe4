using Amazon.S3.Model;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;

namespace LlmIngest.Tests.Storage;

public sealed class RetentionRulesTests
{
    [Fact]
    public void Build_MakesOneExpirationRulePerClassFilteredByTag_PlusAnAbortRuleForThePrefix()
    {
        var rules = RetentionRules.Build(new RetentionOptions(), "traces");

        Assert.Equal(["llmingest-expire-default", "llmingest-expire-errors", "llmingest-expire-index", "llmingest-expire-media", "llmingest-abort-incomplete-multipart"], rules.Select(r => r.Id));
        Assert.Equal("prefix= tags=llmingest-retention=default expire_days=30 abort_days=", RetentionRules.Describe(rules[0]));
        Assert.Equal("prefix= tags=llmingest-retention=errors expire_days=90 abort_days=", RetentionRules.Describe(rules[1]));
        Assert.Equal("prefix= tags=llmingest-retention=index expire_days=90 abort_days=", RetentionRules.Describe(rules[2]));
        Assert.Equal("prefix= tags=llmingest-retention=media expire_days=30 abort_days=", RetentionRules.Describe(rules[3]));
        Assert.Equal("prefix=traces/ tags= expire_days= abort_days=7", RetentionRules.Describe(rules[4]));
    }

    [Fact]
    public void Differences_ReadsTheOlderPredicateShapeAsEqual()
    {
        var retention = new RetentionOptions { Classes = new() { ["default"] = 30, ["errors"] = 90 } };
        var readBack = RetentionRules.Build(retention, "traces");
        readBack[0].Filter = new LifecycleFilter
        {
            LifecycleFilterPredicate = new LifecycleTagPredicate { Tag = new Tag { Key = "llmingest-retention", Value = "default" } },
        };
        readBack[2].Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = "traces/" } };

        Assert.Empty(RetentionRules.Differences(readBack, retention, "traces"));
    }

    [Fact]
    public void Differences_NamesEachMissingOrChangedRule()
    {
        var retention = new RetentionOptions();
        var readBack = RetentionRules.Build(retention, "traces");
        readBack.RemoveAt(4); // the abort rule, after default, errors, index and media
        readBack[1].Expiration.Days = 7;

        var differences = RetentionRules.Differences(readBack, retention, "traces");

        Assert.Equal(2, differences.Count);
        Assert.Contains(differences, d => d.Contains("llmingest-expire-errors", StringComparison.Ordinal) && d.Contains("expire_days=7", StringComparison.Ordinal));
        Assert.Contains("rule llmingest-abort-incomplete-multipart is missing", differences);
    }
}
