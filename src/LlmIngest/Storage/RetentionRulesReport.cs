namespace LlmIngest;

/// <summary>The configured retention rules beside the bucket's lifecycle rules, one readable line per rule.</summary>
/// <param name="Configured">The rules the configured retention classes call for.</param>
/// <param name="InBucket">The bucket's lifecycle rules, LlmIngest's and others.</param>
/// <param name="Differences">What differs between the two; empty when the bucket enforces the configuration.</param>
public sealed record RetentionRulesReport(IReadOnlyList<string> Configured, IReadOnlyList<string> InBucket, IReadOnlyList<string> Differences);
