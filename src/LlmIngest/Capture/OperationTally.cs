namespace LlmIngest.Capture;

/// <summary>
/// The running totals of an operation's calls (its nested operations' included), added up by the worker as it costs each
/// call, and written on the operation's own line when the operation ends. Only the worker touches it.
/// </summary>
internal sealed class OperationTally
{
    public int Calls { get; private set; }

    public int Errors { get; private set; }

    public long? PromptTokens { get; private set; }

    public long? CompletionTokens { get; private set; }

    public long? TotalTokens { get; private set; }

    public long? CachedTokens { get; private set; }

    public long? ReasoningTokens { get; private set; }

    /// <summary>Cost of the priced calls; null when no call was priced.</summary>
    public decimal? CostUsd { get; private set; }

    public void Add(LlmTrace call)
    {
        Calls++;
        if (call.Error is not null || call.ErrorType is not null)
        {
            Errors++;
        }

        PromptTokens = Sum(PromptTokens, call.PromptTokens);
        CompletionTokens = Sum(CompletionTokens, call.CompletionTokens);
        TotalTokens = Sum(TotalTokens, call.TotalTokens);
        CachedTokens = Sum(CachedTokens, call.CachedTokens);
        ReasoningTokens = Sum(ReasoningTokens, call.ReasoningTokens);
        if (call.CostUsd is { } cost)
        {
            CostUsd = (CostUsd ?? 0) + cost;
        }
    }

    /// <summary>Writes the totals into the operation's own trace.</summary>
    public void ApplyTo(LlmTrace operation)
    {
        operation.PromptTokens = ToInt(PromptTokens);
        operation.CompletionTokens = ToInt(CompletionTokens);
        operation.TotalTokens = ToInt(TotalTokens);
        operation.CachedTokens = ToInt(CachedTokens);
        operation.ReasoningTokens = ToInt(ReasoningTokens);
        operation.CostUsd = CostUsd;
    }

    private static long? Sum(long? total, int? value) => value is { } v ? (total ?? 0) + v : total;

    private static int? ToInt(long? value) => value is { } v ? (int)Math.Clamp(v, 0, int.MaxValue) : null;
}
