using Amazon.S3;

namespace LlmIngest.Storage.S3;

/// <summary>The configured retention classes of one bucket: applies them as lifecycle rules and compares them with the bucket's.</summary>
internal sealed class BucketRetention(IAmazonS3 s3, StorageOptions storage)
{
    public string Bucket { get; } = storage.S3.Bucket ?? throw new ArgumentException("LlmIngest:Storage:S3:Bucket is required.", nameof(storage));

    /// <summary>Puts the configured rules into the bucket, keeping its other rules; returns how many rules were put.</summary>
    public Task<int> ApplyAsync(CancellationToken cancellationToken) =>
        RetentionRules.ApplyAsync(s3, Bucket, storage.Retention, storage.S3.Prefix, cancellationToken);

    /// <summary>The configured rules, the bucket's rules and their differences, each as one line of text.</summary>
    public async Task<RetentionRulesReport> CompareAsync(CancellationToken cancellationToken)
    {
        var actual = await RetentionRules.ReadAsync(s3, Bucket, cancellationToken).ConfigureAwait(false);
        var configured = new List<string>();
        foreach (var rule in RetentionRules.Build(storage.Retention, storage.S3.Prefix))
        {
            configured.Add($"{rule.Id}: {RetentionRules.Describe(rule)}");
        }

        var inBucket = new List<string>(actual.Count);
        foreach (var rule in actual)
        {
            inBucket.Add($"{rule.Id ?? "(no id)"}: {RetentionRules.Describe(rule)} [{rule.Status}]");
        }

        return new RetentionRulesReport(configured, inBucket, RetentionRules.Differences(actual, storage.Retention, storage.S3.Prefix));
    }
}
