namespace LlmIngest.Benchmarks.Queue;

/// <summary>
/// Dedicated producer threads that run one action together per <see cref="Run"/>, so a benchmark invocation measures
/// truly concurrent producers (a thread-pool loop on a 2-core machine may run its partitions one after another).
/// </summary>
internal sealed class ProducerGroup : IDisposable
{
    private readonly Thread[] _threads;
    private readonly Barrier _start;
    private readonly Barrier _done;
    private Action<int>? _action;
    private volatile bool _stopping;

    public ProducerGroup(int producers)
    {
        _start = new Barrier(producers + 1);
        _done = new Barrier(producers + 1);
        _threads = new Thread[producers];
        for (var i = 0; i < producers; i++)
        {
            var index = i;
            _threads[i] = new Thread(() => Loop(index)) { IsBackground = true, Name = $"bench-producer-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Runs <paramref name="action"/> once on every producer (given its index) and waits for all of them.</summary>
    public void Run(Action<int> action)
    {
        _action = action;
        _start.SignalAndWait();
        _done.SignalAndWait();
    }

    public void Dispose()
    {
        _stopping = true;
        _start.SignalAndWait();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _start.Dispose();
        _done.Dispose();
    }

    private void Loop(int index)
    {
        while (true)
        {
            _start.SignalAndWait();
            if (_stopping)
            {
                return;
            }

            _action!(index);
            _done.SignalAndWait();
        }
    }
}
