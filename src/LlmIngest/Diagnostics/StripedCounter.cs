using System.Numerics;

namespace LlmIngest.Diagnostics;

/// <summary>
/// A count incremented by many threads at once: each core increments its own padded stripe, so concurrent producers do
/// not contend on one cache line; reading sums the stripes. A sum read while increments run is between the totals at
/// the start and at the end of the read, which is all a monotonic counter's readers need.
/// </summary>
internal sealed class StripedCounter
{
    private const int MaxStripes = 64;

    private readonly PaddedCount[] _stripes;
    private readonly int _mask;

    public StripedCounter()
    {
        var count = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, MaxStripes));
        _stripes = new PaddedCount[count];
        _mask = count - 1;
    }

    public long Value
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < _stripes.Length; i++)
            {
                sum += Volatile.Read(ref _stripes[i].Value);
            }

            return sum;
        }
    }

    /// <summary>Adds one on the calling core's stripe (interlocked: a thread can be moved to another core meanwhile).</summary>
    public void Increment() => Interlocked.Increment(ref _stripes[Thread.GetCurrentProcessorId() & _mask].Value);
}
