using Microsoft.Extensions.AI;

namespace LlmIngest.Capture;

/// <summary>
/// The token counts of one call, copied out of the <see cref="UsageDetails"/> the inner client returned at the moment it
/// returned them: <c>FunctionInvokingChatClient</c> adds later turns' usage into the first turn's object, so a reference
/// read later on the worker would hold the whole round trip.
/// </summary>
internal readonly record struct UsageSnapshot(long? Input, long? Output, long? Total, long? Cached, long? Reasoning)
{
    private const string CachedKey = "InputTokenDetails.CachedTokenCount";
    private const string ReasoningKey = "OutputTokenDetails.ReasoningTokenCount";

    public static UsageSnapshot? From(UsageDetails? usage)
    {
        if (usage is null)
        {
            return null;
        }

        return new UsageSnapshot(
            usage.InputTokenCount,
            usage.OutputTokenCount,
            usage.TotalTokenCount,
            usage.CachedInputTokenCount ?? Count(usage, CachedKey),
            usage.ReasoningTokenCount ?? Count(usage, ReasoningKey));
    }

    /// <summary>Sums two snapshots the way <c>UsageDetails.Add</c> does (a count stays null only when both are).</summary>
    public static UsageSnapshot? Add(UsageSnapshot? left, UsageSnapshot? right)
    {
        if (left is not { } a)
        {
            return right;
        }

        if (right is not { } b)
        {
            return left;
        }

        return new UsageSnapshot(Sum(a.Input, b.Input), Sum(a.Output, b.Output), Sum(a.Total, b.Total), Sum(a.Cached, b.Cached), Sum(a.Reasoning, b.Reasoning));
    }

    private static long? Sum(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);

    private static long? Count(UsageDetails usage, string key) =>
        usage.AdditionalCounts is { } counts && counts.TryGetValue(key, out var value) ? value : null;
}
