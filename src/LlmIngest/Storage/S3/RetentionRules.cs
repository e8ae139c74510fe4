using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace LlmIngest.Storage.S3;

/// <summary>
/// The bucket lifecycle rules that enforce the retention classes: one expiration rule per class, filtered by the class
/// tag, and one rule that aborts incomplete multipart uploads under the payload prefix. Rules are identified by the
/// <c>llmingest-</c> id prefix; applying them keeps every other rule of the bucket.
/// The expiration rules filter by tag alone, not prefix + tag: Ceph RGW 16 echoes an <c>And</c> filter flattened
/// (<c>&lt;Prefix/&gt;&lt;Tag/&gt;</c> side by side), which the AWS SDK refuses to parse, so the rules could not be read back.
/// The tag key is the library's own, so the tag alone selects exactly its objects.
/// </summary>
internal static class RetentionRules
{
    public const string IdPrefix = "llmingest-";

    public static List<LifecycleRule> Build(RetentionOptions retention, string keyPrefix)
    {
        var prefix = NormalizePrefix(keyPrefix);
        var rules = new List<LifecycleRule>();
        foreach (var (name, days) in retention.Classes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            rules.Add(new LifecycleRule
            {
                Id = $"{IdPrefix}expire-{name}",
                Status = LifecycleRuleStatus.Enabled,
                Filter = new LifecycleFilter { Tag = new Tag { Key = retention.TagKey, Value = name } },
                Expiration = new LifecycleRuleExpiration { Days = days },
            });
        }

        rules.Add(new LifecycleRule
        {
            Id = $"{IdPrefix}abort-incomplete-multipart",
            Status = LifecycleRuleStatus.Enabled,
            Filter = new LifecycleFilter { Prefix = prefix },
            AbortIncompleteMultipartUpload = new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = retention.AbortIncompleteMultipartUploadDays },
        });
        return rules;
    }

    /// <summary>Puts our rules into the bucket's lifecycle configuration, replacing older versions of them and keeping the rest.</summary>
    public static async Task<int> ApplyAsync(IAmazonS3 s3, string bucket, RetentionOptions retention, string keyPrefix, CancellationToken cancellationToken)
    {
        var existing = await ReadAsync(s3, bucket, cancellationToken).ConfigureAwait(false);
        var rules = existing.Where(r => r.Id is null || !r.Id.StartsWith(IdPrefix, StringComparison.Ordinal)).ToList();
        var ours = Build(retention, keyPrefix);
        rules.AddRange(ours);
        await s3.PutLifecycleConfigurationAsync(
            new PutLifecycleConfigurationRequest { BucketName = bucket, Configuration = new LifecycleConfiguration { Rules = rules } },
            cancellationToken).ConfigureAwait(false);
        return ours.Count;
    }

    public static async Task<List<LifecycleRule>> ReadAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetLifecycleConfigurationAsync(bucket, cancellationToken).ConfigureAwait(false);
            return response.Configuration?.Rules ?? [];
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode == "NoSuchLifecycleConfiguration")
        {
            return [];
        }
    }

    /// <summary>
    /// Compares the bucket's rules with the configured classes; returns one line per difference (empty when they match).
    /// Servers return the filter in either shape (<c>And</c> or the older predicate tree), so both are read.
    /// </summary>
    public static List<string> Differences(IReadOnlyList<LifecycleRule> actual, RetentionOptions retention, string keyPrefix)
    {
        var differences = new List<string>();
        foreach (var wanted in Build(retention, keyPrefix))
        {
            var found = actual.FirstOrDefault(r => r.Id == wanted.Id);
            if (found is null)
            {
                differences.Add($"rule {wanted.Id} is missing");
                continue;
            }

            if (found.Status != LifecycleRuleStatus.Enabled)
            {
                differences.Add($"rule {wanted.Id} is not enabled");
            }

            if (Describe(found) != Describe(wanted))
            {
                differences.Add($"rule {wanted.Id} is '{Describe(found)}', expected '{Describe(wanted)}'");
            }
        }

        return differences;
    }

    /// <summary>A normalized one-line description of a rule: filter prefix, tags, expiration and abort days.</summary>
    public static string Describe(LifecycleRule rule)
    {
        var (prefix, tags) = FilterOf(rule);
        var tagText = string.Join(',', tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
        return $"prefix={prefix} tags={tagText} expire_days={rule.Expiration?.Days} abort_days={rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation}";
    }

    private static (string Prefix, List<Tag> Tags) FilterOf(LifecycleRule rule)
    {
        var filter = rule.Filter;
        if (filter?.And is { } and)
        {
            return (and.Prefix ?? string.Empty, and.Tags ?? []);
        }

        if (filter?.LifecycleFilterPredicate is { } predicate)
        {
            var prefix = string.Empty;
            var tags = new List<Tag>();
            var operands = predicate is LifecycleAndOperator andOperator ? andOperator.Operands ?? [] : [predicate];
            foreach (var operand in operands)
            {
                switch (operand)
                {
                    case LifecyclePrefixPredicate p:
                        prefix = p.Prefix ?? string.Empty;
                        break;
                    case LifecycleTagPredicate t:
                        tags.Add(t.Tag);
                        break;
                }
            }

            return (prefix, tags);
        }

        var tag = filter?.Tag;
        return (filter?.Prefix ?? string.Empty, tag is null ? [] : [tag]);
    }

    private static string NormalizePrefix(string keyPrefix)
    {
        var trimmed = keyPrefix.Trim('/');
        return trimmed.Length == 0 ? string.Empty : trimmed + "/";
    }
}
