using Microsoft.Extensions.AI;

namespace LlmIngest.Capture;

/// <summary>
/// The token counts of one call, copied out of the <see cref="UsageDetails"/> the inner client returned at the moment it
/// returned them: <c>FunctionInvokingChatClient</c> adds later turns' usage into the first turn's object, so a reference
/// read later on the worker would hold the whole round trip. Plain longs and a presence mask (48 bytes inline) rather than
/// five nullable longs (88), since it is part of every captured call.
/// </summary>
internal readonly struct UsageSnapshot
{
    private const string CachedKey = "InputTokenDetails.CachedTokenCount";
    private const string ReasoningKey = "OutputTokenDetails.ReasoningTokenCount";

    private readonly long _input;
    private readonly long _output;
    private readonly long _total;
    private readonly long _cached;
    private readonly long _reasoning;
    private readonly Counts _present;

    private UsageSnapshot(long? input, long? output, long? total, long? cached, long? reasoning)
    {
        (_input, _present) = Take(input, Counts.Input, Counts.None);
        (_output, _present) = Take(output, Counts.Output, _present);
        (_total, _present) = Take(total, Counts.Total, _present);
        (_cached, _present) = Take(cached, Counts.Cached, _present);
        (_reasoning, _present) = Take(reasoning, Counts.Reasoning, _present);
        _present |= Counts.Captured;
    }

    [Flags]
    private enum Counts : byte
    {
        None = 0,
        Input = 1,
        Output = 2,
        Total = 4,
        Cached = 8,
        Reasoning = 16,
        Captured = 32,
    }

    /// <summary>False for the default value: no usage was reported.</summary>
    public bool HasValue => (_present & Counts.Captured) != 0;

    public long? Input => Get(_input, Counts.Input);

    public long? Output => Get(_output, Counts.Output);

    public long? Total => Get(_total, Counts.Total);

    public long? Cached => Get(_cached, Counts.Cached);

    public long? Reasoning => Get(_reasoning, Counts.Reasoning);

    /// <summary>The counts of <paramref name="usage"/> as they are now; the default value when it is null.</summary>
    public static UsageSnapshot From(UsageDetails? usage) => usage is null
        ? default
        : new UsageSnapshot(
            usage.InputTokenCount,
            usage.OutputTokenCount,
            usage.TotalTokenCount,
            usage.CachedInputTokenCount ?? Count(usage, CachedKey),
            usage.ReasoningTokenCount ?? Count(usage, ReasoningKey));

    /// <summary>Sums two snapshots the way <c>UsageDetails.Add</c> does (a count stays null only when both are).</summary>
    public static UsageSnapshot Add(UsageSnapshot left, UsageSnapshot right)
    {
        if (!left.HasValue)
        {
            return right;
        }

        if (!right.HasValue)
        {
            return left;
        }

        return new UsageSnapshot(
            Sum(left.Input, right.Input),
            Sum(left.Output, right.Output),
            Sum(left.Total, right.Total),
            Sum(left.Cached, right.Cached),
            Sum(left.Reasoning, right.Reasoning));
    }

    private static (long Value, Counts Present) Take(long? value, Counts flag, Counts present) =>
        value is { } v ? (v, present | flag) : (0, present);

    private long? Get(long value, Counts flag) => (_present & flag) != 0 ? value : null;

    private static long? Sum(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);

    private static long? Count(UsageDetails usage, string key) =>
        usage.AdditionalCounts is { } counts && counts.TryGetValue(key, out var value) ? value : null;
}
