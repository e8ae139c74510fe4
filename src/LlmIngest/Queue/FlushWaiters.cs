using System.Globalization;
using LlmIngest.Diagnostics;

namespace LlmIngest.Queue;

/// <summary>
/// The flushes waiting for the worker: each waits until the traces accepted before it are finished (processed or
/// evicted), and fails with a message saying why when no worker is running to finish them.
/// </summary>
internal sealed class FlushWaiters(IngestCounters counters)
{
    private readonly Lock _lock = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _waiters = [];

    /// <summary>Traces the worker is done with: processed, or pushed out of a full queue.</summary>
    public long Finished => counters.Processed + counters.Evicted;

    /// <summary>A flush that completes once <paramref name="target"/> traces are finished.</summary>
    public Task Add(long target)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((target, done));
        }

        return done.Task;
    }

    /// <summary>Completes the flushes the worker has satisfied.</summary>
    public void ReportProgress()
    {
        var finished = Finished;
        lock (_lock)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Target <= finished)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Fails every waiting flush: no worker is running to satisfy it.</summary>
    public void FailAll()
    {
        lock (_lock)
        {
            if (_waiters.Count == 0)
            {
                return;
            }

            var failure = NoWorker();
            foreach (var (_, done) in _waiters)
            {
                done.TrySetException(failure);
            }

            _waiters.Clear();
        }
    }

    public InvalidOperationException NoWorker() => new(string.Create(
        CultureInfo.InvariantCulture,
        $"LlmIngest cannot flush: its worker is not running ({counters.Accepted - Finished} trace(s) waiting). Start the host that AddLlmTraceIngest was registered in (app.Run(), host.StartAsync()) before flushing; after the host stopped, nothing more is written."));
}
