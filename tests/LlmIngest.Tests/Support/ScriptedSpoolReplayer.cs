using LlmIngest.Storage;

namespace LlmIngest.Tests.Support;

/// <summary>
/// A spool replayer that holds <see cref="SpooledCount"/> payloads and uploads <c>perPass</c> of them per pass, or with
/// <c>hangUntilCancelled</c> waits in every pass until the shutdown token fires. Reports no work to the periodic replay
/// service, so every pass it counts is one the stop asked for.
/// </summary>
internal sealed class ScriptedSpoolReplayer(int spooled, int perPass, bool hangUntilCancelled = false) : ISpoolReplayer
{
    private int _spooled = spooled;
    private int _passes;

    public bool HasWork => false;

    public int SpooledCount => Volatile.Read(ref _spooled);

    public string SpoolDirectory => "/var/spool/llmtrace-test";

    public int Passes => Volatile.Read(ref _passes);

    public async Task ReplayAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _passes);
        if (hangUntilCancelled)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        Volatile.Write(ref _spooled, Math.Max(0, _spooled - perPass));
    }
}
