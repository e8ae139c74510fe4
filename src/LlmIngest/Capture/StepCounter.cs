namespace LlmIngest.Capture;

/// <summary>Hands out the steps of one trace in call order, safely across threads.</summary>
internal sealed class StepCounter
{
    private int _next = -1;

    /// <summary>How many steps were handed out.</summary>
    public int Count => Volatile.Read(ref _next) + 1;

    public int Next() => Interlocked.Increment(ref _next);
}
