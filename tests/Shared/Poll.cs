using System.Diagnostics;
using Xunit;

namespace LlmIngest.Testing;

/// <summary>
/// The one way tests wait for something the pipeline does in the background: check a condition every interval until
/// it holds or a timeout passes. Timeouts are generous ceilings for loaded CI machines, never a speed assertion.
/// </summary>
internal static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits until <paramref name="condition"/> holds; returns false on timeout so the caller asserts what it expects.</summary>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? interval = null) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, interval);

    /// <inheritdoc cref="UntilAsync(Func{bool}, TimeSpan, TimeSpan?)"/>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(interval ?? DefaultInterval);
        }

        return true;
    }

    /// <summary>Waits until <paramref name="condition"/> holds and fails the test, naming <paramref name="what"/>, on timeout.</summary>
    public static Task AssertUntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        AssertUntilAsync(() => Task.FromResult(condition()), timeout, what);

    /// <inheritdoc cref="AssertUntilAsync(Func{bool}, TimeSpan, string)"/>
    public static async Task AssertUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Assert.True(await UntilAsync(condition, timeout), $"timed out after {timeout.TotalSeconds:0} s waiting until {what}");
}
